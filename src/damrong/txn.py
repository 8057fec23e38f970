"""Short write transactions with their own retries, for views that write under contention.

ZODB reports a conflict when an object a transaction writes was changed by anyone since the
transaction *began*. A registration first checks the form and its scans, which takes far longer
than the writing itself; if the whole request were one transaction, every clerk registering at
the same moment as another would conflict on the center's receipt counter, and pyramid_retry
would re-run the whole request, scans and all. Instead the checked data is written in a
transaction of its own that starts on a fresh snapshot, and only that short part is retried,
after a random, growing pause so that contenders stop meeting at the same instant.
"""

import random
import time

import transaction
from ZODB.POSException import ConflictError

from .resources.site import get_site

ATTEMPTS = 30


def backoff(attempt):
    """Seconds to wait before retry number ``attempt`` (0-based): random, doubling, capped."""
    return random.uniform(0, 0.004 * 2 ** min(attempt, 7))


def write_with_retries(request, work, attempts=ATTEMPTS):
    """Commit ``work()`` in its own transaction(s); returns its result.

    Whatever the request did before is aborted first (it must not have written anything); a new
    transaction is left open for pyramid_tm to finish, so the rest of the request is unchanged.
    """
    tm = request.tm
    user = tm.get().user
    tm.abort()
    result = commit_with_retries(tm, work, attempts, user=user)
    tm.begin().user = user
    return result


def commit_with_retries(tm, work, attempts=ATTEMPTS, user=""):
    """Run ``work()`` and commit it with transaction manager ``tm``, again after each conflict.

    Also what the worker and the command line use (the hot folder, back-capture), where there
    is no request: each attempt begins on a fresh snapshot of the database.
    """
    for attempt in range(attempts):
        tm.begin().user = user
        try:
            result = work()
            tm.commit()
            return result
        except ConflictError:
            tm.abort()
            if attempt == attempts - 1:
                raise
            time.sleep(backoff(attempt))


def commit_in_own_connection(db, work, user=""):
    """``work(site)`` in a connection and transaction manager of its own, committed with
    retries; for the worker and the command line, which must not share the caller's snapshot."""
    tm = transaction.TransactionManager()
    connection = db.open(transaction_manager=tm)
    try:
        return commit_with_retries(tm, lambda: work(get_site(connection)), user=user)
    finally:
        tm.abort()
        connection.close()
