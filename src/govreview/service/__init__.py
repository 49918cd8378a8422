"""HTTP review service for CMS plugins (``govreview serve``; needs the ``[server]`` extra).

``create_app(settings)`` builds the FastAPI app; ``load_settings`` merges
flags, ``GOVREVIEW_*`` environment and the ``[server]`` table of
govreview.toml. See docs/cms.md for the integration guide and
docs/openapi.json for the contract.
"""

from .settings import ServiceSettings, load_settings


def create_app(*args, **kwargs):  # imported lazily: fastapi is an optional dependency
    from .app import create_app as _create

    return _create(*args, **kwargs)


__all__ = ["ServiceSettings", "create_app", "load_settings"]
