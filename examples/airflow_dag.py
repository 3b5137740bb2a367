"""A nightly corpus run as an Apache Airflow DAG.

Copy this file into Airflow's dags/ folder and set CORPUS_HOME to the checkout that holds
`.venv` (made by `make`), `raw/` (where the crawl drops new files) and `clean/` (the
corpus, which grows by each night's new files). The run logs JSON lines on stderr, which
Airflow keeps in the task log.

Exit codes (README, "Exit codes"): 0 done; 1 done but some inputs were unreadable (they are
in rejected/ and manifest.json; the night's corpus is good, so the task succeeds); 75
another run holds the corpus (the task fails and Airflow retries it later); 2 bad
configuration or a corpus built with another configuration (fails; retrying cannot help,
so look at the log); 130 stopped (a killed or timed-out run resumes from its finished
shards on the next try).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow import DAG

try:  # Airflow 3 moved the operator into the standard provider
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow.operators.bash import BashOperator

CORPUS_HOME = os.environ.get("CORPUS_HOME", "/srv/corpus-pipeline")
COMMAND = (
    "cd {{ params.home }} && "
    ".venv/bin/corpus-pipeline run --input raw --output clean --config pipeline.toml --log-format json; "
    "code=$?; if [ $code -eq 1 ]; then exit 0; fi; exit $code"
)

with DAG(
    dag_id="corpus_pipeline_nightly",
    description="Clean the night's new crawl files into the growing corpus",
    schedule="0 2 * * *",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,  # the pipeline's lock would refuse a second run anyway (exit 75)
    default_args={"retries": 3, "retry_delay": timedelta(minutes=20)},
    tags=["corpus"],
) as dag:
    clean = BashOperator(
        task_id="clean",
        bash_command=COMMAND,
        params={"home": CORPUS_HOME},
        execution_timeout=timedelta(hours=6),  # SIGTERM at the limit; the retry resumes the run
    )
