"""Template tags for the sign-in page: the OpenID Connect providers on offer, ThaID first."""
from django import template

from accounts.oidc import providers

register = template.Library()


@register.simple_tag
def sign_in_providers():
    return providers()
