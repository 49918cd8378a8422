import os
import tempfile

import pytest

# each test session gets its own automaton cache so tests never depend on a user's cache
os.environ.setdefault("GOVREVIEW_CACHE_DIR", tempfile.mkdtemp(prefix="govreview-test-cache-"))


@pytest.fixture(scope="session")
def reviewer():
    from govreview import Reviewer

    return Reviewer()
