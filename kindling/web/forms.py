"""Web forms. They only shape and label input; every rule (age gate, lengths, images) lives in the services."""

from __future__ import annotations

from django import forms

from kindling.posts.services import MAX_COMMENT_LENGTH, MAX_POST_LENGTH


class SignupForm(forms.Form):
    username = forms.CharField(
        max_length=30,
        help_text="3–30 letters, digits or underscores.",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        help_text="At least 8 characters, not a common password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    birth_date = forms.DateField(
        label="Birth date",
        help_text="Used once to check your age and then forgotten: we never store it.",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )


class LoginForm(forms.Form):
    username = forms.CharField(
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class ComposeForm(forms.Form):
    # The service counts after stripping; the browser limit is a convenience, the service is the rule.
    text = forms.CharField(
        label="What would you like to share?",
        required=False,
        strip=False,
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_POST_LENGTH, "data-counter": "text-count"}),
    )
    image = forms.FileField(
        label="Image (optional)",
        required=False,
        help_text="JPEG, PNG, WebP or GIF. Location data is removed.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    # Choices are the running challenges, filled in by the view.
    challenge = forms.ChoiceField(
        label="Join a running challenge (optional)", required=False, choices=[],
        help_text="Adds the challenge's hashtag to your post.",
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Add a comment",
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_COMMENT_LENGTH}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ShareForm(forms.Form):
    note = forms.CharField(
        label="Add a note (optional)",
        required=False,
        max_length=MAX_POST_LENGTH,
        widget=forms.TextInput(attrs={"maxlength": MAX_POST_LENGTH}),
    )


class ProfileForm(forms.Form):
    display_name = forms.CharField(label="Display name", required=False, max_length=50)
    bio = forms.CharField(required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}))
    is_private = forms.BooleanField(
        label="Private account",
        required=False,
        help_text="New followers need your approval, and only followers see your posts.",
    )
    avatar = forms.FileField(
        label="Avatar (optional)",
        required=False,
        help_text="A square image works best. Location data is removed.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
