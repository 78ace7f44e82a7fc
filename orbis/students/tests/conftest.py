"""What several of the students app's test files use."""

import pytest


@pytest.fixture
def code(classroom):
    """The join code of Gisel's class."""
    return classroom.join_code
