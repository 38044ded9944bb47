from django.urls import path

from . import views

app_name = "leads"

urlpatterns = [
    path("", views.consultation, name="consultation"),
    path("thank-you/", views.thank_you, name="thank_you"),
    path("cookie-choice/", views.cookie_choice, name="cookie_choice"),
]
