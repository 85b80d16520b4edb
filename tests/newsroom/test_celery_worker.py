"""A worker process's start-up hook."""

import gc

from celery.signals import worker_process_init

from newsroom.celery import freeze_loaded_heap


def test_worker_start_leaves_the_loaded_heap_out_of_collections() -> None:
    assert freeze_loaded_heap in [ref() for _, ref in worker_process_init.receivers]
    try:
        freeze_loaded_heap()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
