"""The integration suite once more against a real MySQL-compatible server (the LMS runs
MySQL): Debian's MariaDB, started by ``make test-mysql`` on a local socket under var/ with
networking off. Same settings as tests/settings.py otherwise; utf8mb4 as Open edX uses."""
import os

from tests.settings import *  # noqa: F403

_SOCKET = os.environ.get("ASN_MYSQL_SOCKET", os.path.join(os.getcwd(), "var", "mysql", "mysqld.sock"))

try:  # the driver the LMS uses; PyMySQL stands in where mysqlclient cannot be built
    import MySQLdb  # noqa: F401
except ImportError:  # pragma: no cover
    import pymysql

    pymysql.install_as_MySQLdb()

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": "asn_xblocks",
        "USER": os.environ.get("ASN_MYSQL_USER", "root"),
        "PASSWORD": os.environ.get("ASN_MYSQL_PASSWORD", ""),
        "HOST": _SOCKET,  # a path: Django connects through the unix socket
        "OPTIONS": {"charset": "utf8mb4", "init_command": "SET sql_mode='STRICT_TRANS_TABLES'"},
        "TEST": {"NAME": "test_asn_xblocks", "CHARSET": "utf8mb4",
                 "COLLATION": "utf8mb4_unicode_ci"},
    }
}

from django.apps import AppConfig  # noqa: E402


class SubmissionsMariaDBFix(AppConfig):
    """edx-submissions 4.0.2's migration 0006_mariadb_uuid_conversion runs only on MariaDB
    and fails on a fresh database ("Unknown column 'uuid' in 'submissions_studentitem'": that
    table has no uuid column). The LMS runs MySQL, where the migration does nothing. Here it
    is replaced by what it means to do: convert the char(32) uuid columns that exist."""

    name = "tests"
    label = "asn_mysql_fix"

    def ready(self):
        from importlib import import_module

        from django.db import migrations

        def convert(apps, schema_editor):
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT table_name FROM information_schema.columns WHERE table_schema = "
                    "DATABASE() AND column_name = 'uuid' AND data_type = 'char' AND table_name "
                    "IN ('submissions_submission', 'submissions_studentitem', 'submissions_score')")
                for (table,) in cursor.fetchall():
                    cursor.execute(f"ALTER TABLE {table} MODIFY uuid uuid NOT NULL")

        module = import_module("submissions.migrations.0006_mariadb_uuid_conversion")
        module.Migration.operations = [migrations.RunPython(convert, migrations.RunPython.noop)]


INSTALLED_APPS = [*INSTALLED_APPS, "tests.settings_mysql.SubmissionsMariaDBFix"]  # noqa: F405
