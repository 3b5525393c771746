from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [path("<str:token>/", views.rate, name="rate")]
