"""Becoming a provider: request an account, then set the password from the invitation mail."""

from django.urls import path

from . import views

app_name = "onboarding"
urlpatterns = [
    path("beantragen/", views.request_access, name="request"),
    path("beantragt/", views.access_requested, name="requested"),
    path("passwort/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
    path("passwort/fertig/", views.PasswordSetView.as_view(), name="password_set"),
]
