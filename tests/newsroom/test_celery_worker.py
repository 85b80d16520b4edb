"""A worker process's start-up hook."""

import gc
from unittest import mock

from celery.signals import worker_process_init

import extraction
from newsroom.celery import freeze_loaded_heap


def test_worker_start_leaves_the_loaded_heap_out_of_collections() -> None:
    assert freeze_loaded_heap in [ref() for _, ref in worker_process_init.receivers]
    try:
        freeze_loaded_heap()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_worker_start_warms_the_extractor_before_freezing() -> None:
    """The tagger and phrase tables exist before the freeze, so they are frozen too."""
    frozen_at_call: list[int] = []

    def extract(*args, **kwargs):
        frozen_at_call.append(gc.get_freeze_count())
        return real(*args, **kwargs)

    real = extraction.extract
    gc.unfreeze()
    try:
        with mock.patch.object(extraction, "extract", side_effect=extract):
            freeze_loaded_heap()
        assert frozen_at_call == [0]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
