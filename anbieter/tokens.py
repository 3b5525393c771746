"""Links in invitation mails: one use, valid for PASSWORD_RESET_TIMEOUT (three days by default)."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Like a password-reset token (spent once a password is set), but not interchangeable with one."""

    key_salt = "anbieter.tokens.InvitationTokenGenerator"


invitation_token_generator = InvitationTokenGenerator()
