"""Querysets compiled to SQL once per process and database, then run again with new values.

Django builds a queryset's SQL afresh every time it is evaluated: it resolves the filters, walks
every `select_related` model for its columns and hashes each expression on the way. For the
queries of a page's first render after a publish (its route, its relations) that is most of their
time, not the database's (docs/performance.md, "The first render after a publish"). Here a
queryset is built once with a `Parameter` where each run's value goes, compiled once per database,
and each run only swaps the values in and turns the rows into model instances, as Django would.
"""

import copy
import threading

from django.db import connections
from django.db.models import Expression, QuerySet


class Parameter(Expression):
    """A value given at each run of a `CompiledQuery` (`run(name=value)`), where a queryset would
    hold a constant; `output_field` says how the value is sent to the database."""

    def __init__(self, name, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [Slot(self.name, self.output_field)]


class Slot:
    """Where a `Parameter`'s value goes among a compiled query's parameters."""

    def __init__(self, name, field):
        self.name = name
        self.field = field

    def value(self, values, connection):
        return self.field.get_db_prep_value(values[self.name], connection, prepared=False)


class CompiledQuery:
    """A model queryset (`build()`, with `Parameter`s for what changes between runs) compiled the
    first time it runs on each database; `run(**values)` returns its rows as model instances, with
    what it selects related and annotates, or as the tuples of its `values_list`, as the queryset
    itself would."""

    def __init__(self, build):
        self.build = build
        self.lock = threading.Lock()
        self.queryset = None
        self.compiled = {}

    def compile(self, using):
        with self.lock:
            if self.queryset is None:
                self.queryset = self.build()
            using = using or self.queryset.db
            if using not in self.compiled:
                compiler = self.queryset.query.get_compiler(using=using)
                sql, params = compiler.as_sql()
                # How each column's value is converted, worked out per run by Django from every
                # column's field (0.1-0.2 ms for the route's or the relations' hundred columns):
                # fixed by the SQL, as the columns are. The backend's converters read only what
                # every connection to the database shares.
                converters = compiler.get_converters(
                    [column for column, *_ in compiler.select[: compiler.col_count]]
                )
                self.compiled[using] = (compiler, sql, tuple(params), converters)
            return using, self.compiled[using]

    def run(self, using=None, **values):
        using, (compiled, sql, params, converters) = self.compile(using)
        connection = connections[using]
        bound = [param.value(values, connection) if isinstance(param, Slot) else param for param in params]
        compiler = copy.copy(compiled)
        # This thread's connection: the compiling thread's would refuse to serve another thread.
        compiler.connection = connection
        compiler.as_sql = lambda *args, **kwargs: (sql, bound)
        compiler.get_converters = lambda expressions: converters
        # Django's own iteration turns the rows into instances (or `values_list`'s tuples): only
        # the compiler is this one.
        queryset = QuerySet(model=self.queryset.model, query=Compiled(compiler), using=using)
        queryset._iterable_class, queryset._fields = self.queryset._iterable_class, self.queryset._fields
        return list(queryset)


class Compiled:
    """The query of a `CompiledQuery` run: what Django's model iteration asks a query for."""

    def __init__(self, compiler):
        self.compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self.compiler
