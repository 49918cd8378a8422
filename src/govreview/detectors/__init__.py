"""Detectors, one module per family. Each module registers itself with
``@govreview.registry.detector``; :func:`govreview.registry.discover` imports
every module here, so adding a detector is its module plus its test."""
