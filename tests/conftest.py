import atexit
import os
import shutil
import tempfile

import pytest

# each test session gets its own automaton cache so tests never depend on a user's cache; the folder is
# removed when the session ends (one was left in /tmp per run before)
if "GOVREVIEW_CACHE_DIR" not in os.environ:
    _cache_dir = tempfile.mkdtemp(prefix="govreview-test-cache-")
    os.environ["GOVREVIEW_CACHE_DIR"] = _cache_dir
    atexit.register(shutil.rmtree, _cache_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def reviewer():
    from govreview import Reviewer

    return Reviewer()
