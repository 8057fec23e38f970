"""One process at a time: a lock file that says which process does a job only one may do.

Several worker processes (on ZEO) run the same loop; the hot folder must be watched by one of
them and the search index written by one. Whoever first takes the lock does it until its
process ends (the operating system drops the lock with it) or it lets go.
"""

import fcntl
import os


class ProcessLock:
    def __init__(self, path):
        self.path = path
        self._handle = None

    def claimed(self):
        """Whether this process holds the lock, taking it if it is free."""
        if self._handle is None:
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            handle = open(self.path, "w")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                return False
            self._handle = handle
        return True

    def release(self):
        if self._handle is not None:
            self._handle.close()
            self._handle = None
