"""Date, time and number formats per language where Django's own are not the practice's
(settings.FORMAT_MODULE_PATH)."""
