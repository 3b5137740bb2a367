"""The scheduling examples in examples/ and the README run the command as it is today."""

import importlib.util
import py_compile
import re
import shlex

import pytest

from pipeline.cli import build_parser
from tests.conftest import REPO

DAG_FILE = REPO / "examples" / "airflow_dag.py"


def test_the_airflow_dag_file_is_valid_python():
    py_compile.compile(str(DAG_FILE), doraise=True)


def test_the_airflow_dag_imports_and_has_the_nightly_task():
    pytest.importorskip("airflow", reason="Apache Airflow is not installed: the DAG import is not checked "
                                          "(pip install apache-airflow to check it)")
    spec = importlib.util.spec_from_file_location("airflow_dag", DAG_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.dag.dag_id == "corpus_pipeline_nightly"
    assert [task.task_id for task in module.dag.tasks] == ["clean"]


def test_the_dag_command_is_one_the_parser_accepts():
    source = DAG_FILE.read_text()
    command = re.search(r"\.venv/bin/corpus-pipeline (run [^;\"]+)", source).group(1)
    args = build_parser().parse_args(shlex.split(command))
    assert args.log_format == "json" and args.command == "run"


def test_the_readme_crontab_line_runs_a_command_the_parser_accepts():
    readme = (REPO / "README.md").read_text()
    [line] = [line for line in readme.splitlines() if re.match(r"^\d+ \d+ \* \* \* ", line)]
    command = re.search(r"corpus-pipeline (run .*?)(?: 2>>| >>|$)", line).group(1)
    args = build_parser().parse_args(shlex.split(command))
    assert args.log_format == "json"
