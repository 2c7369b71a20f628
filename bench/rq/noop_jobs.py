"""Job functions for the RQ comparison (bench/rq/run.sh). Workers import this module."""


def noop(*args, **kwargs):
    """Does nothing: measures the queue's own overhead per job."""
    return None
