"""`--executor dask`: the same bytes as a local run whatever the executor and worker count,
and a worker killed in the middle of a shard costs a retry, never a record."""

import hashlib
import os
import signal
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from pipeline.cli import main  # noqa: E402
from pipeline.config import config_from_dict  # noqa: E402
from pipeline.dask_executor import DaskExecutor  # noqa: E402
from pipeline.executor import LocalExecutor  # noqa: E402
from pipeline.runner import run  # noqa: E402

RAW = Path(__file__).resolve().parents[1] / "raw"


def several_shards():
    """The default stages, with raw/ cut into several shards so that two workers share them."""
    return config_from_dict({"run": {"shard_files": 4}})


def output_bytes(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for kind in ("documents", "rejected") for path in sorted((folder / kind).rglob("*"))
            if path.is_file()}


@pytest.fixture(scope="module")
def local_output(tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "clean"
    run(RAW, out, several_shards(), executor=LocalExecutor(1), progress=False)
    return output_bytes(out)


@pytest.fixture(scope="module")
def cluster():
    with DaskExecutor(workers=2) as executor:
        executor.client()
        yield executor


def test_sample_corpus_has_several_shards(local_output):
    assert len([name for name in local_output if name.startswith("documents/")]) > 2


def test_two_local_workers_give_the_bytes_of_one(local_output, tmp_path):
    run(RAW, tmp_path / "clean", several_shards(), executor=LocalExecutor(2), progress=False)
    assert output_bytes(tmp_path / "clean") == local_output


def test_local_cluster_gives_the_bytes_of_a_local_run(local_output, cluster, tmp_path):
    run(RAW, tmp_path / "clean", several_shards(), executor=cluster, progress=False)
    assert output_bytes(tmp_path / "clean") == local_output


def test_worker_killed_mid_shard_is_retried_without_loss(local_output, tmp_path):
    with DaskExecutor(workers=2) as executor:
        client = executor.client()
        killed: list[int] = []
        threading.Thread(target=_kill_first_busy_worker, args=(client, killed), daemon=True).start()
        run(RAW, tmp_path / "clean", several_shards(), executor=executor, progress=False)
    assert killed, "no worker was busy long enough to be killed"
    assert output_bytes(tmp_path / "clean") == local_output


def _kill_first_busy_worker(client, killed: list[int]) -> None:
    """SIGKILL the process of the first worker seen running a shard (loading the stages'
    tables takes seconds, so a worker is caught inside its first task)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        busy = [address for address, keys in client.processing().items() if keys]
        if busy:
            pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
            return
        time.sleep(0.05)


def test_cli_prints_the_dashboard_address_of_its_cluster(tmp_path, capsys):
    config = tmp_path / "normalize.toml"
    config.write_text('[run]\nstages = ["normalize"]\n')
    code = main(["run", "--input", str(RAW), "--output", str(tmp_path / "clean"), "--workers", "1",
                 "--config", str(config), "--executor", "dask", "--quiet"])
    assert code == 0
    assert "dashboard http" in capsys.readouterr().err


def test_executor_setting_leaves_the_config_digest_alone():
    local = config_from_dict({"run": {"executor": "local"}})
    dask = config_from_dict({"run": {"executor": "dask", "scheduler": "tcp://scheduler:8786"}})
    assert local.digest() == dask.digest()


def test_scheduler_without_the_dask_executor_is_refused():
    from pipeline.config import ConfigError

    with pytest.raises(ConfigError, match="run.scheduler"):
        config_from_dict({"run": {"scheduler": "tcp://scheduler:8786"}})
