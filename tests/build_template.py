"""The xdist controller's background build of the run's test database template (tests/database_template.py).

    python -m tests.build_template SHARED_DIR RUN_ID
"""

import sys
from pathlib import Path


def main(shared_dir: str, run_id: str) -> None:
    from tests.garbage_collection import collect_less_often

    collect_less_often()
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    from tests.database_template import build_template_in_turn

    setup_test_environment()  # as pytest-django's django_test_environment: the template is built as in a worker
    build_template_in_turn(Path(shared_dir), run_id)


if __name__ == "__main__":
    main(*sys.argv[1:])
