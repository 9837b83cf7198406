"""Run `briefgen` on many corpus cases, one after another, in one interpreter.

    python corpus_driver.py JOBS PROGRESS

JOBS is a JSON list of cases, each `{"name", "cwd", "argv", "stdout", "stderr"}`.
Each case runs the way `python -m briefgen ARGV` runs in CWD: `main(argv)`, its
exit status from what it returns or from `SystemExit`, and an exception that
escapes printed as the interpreter prints it, with status 1. Descriptors 1 and
2 point at the case's own files while it runs, so whatever is written, by
Python or by C code, lands there. After each case, `NAME STATUS` is one line
of PROGRESS; the test reads it to know what has finished, and kills this
process if a case passes its time bound.

Starting Python and importing briefgen once, rather than once per case, is what
lets the corpus run in seconds instead of minutes.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path


def run_case(case: dict[str, object]) -> int:
    from briefgen.commands.cli import main  # imported once, before the first case

    os.chdir(str(case["cwd"]))
    try:
        return int(main(list(case["argv"])))  # type: ignore[arg-type]
    except SystemExit as exc:
        code = exc.code
        if code is None or isinstance(code, int):
            return code or 0
        print(code, file=sys.stderr)
        return 1
    except BaseException:  # what the interpreter would print before it exits
        traceback.print_exc()
        return 1


def redirected(case: dict[str, object]) -> int:
    """Run one case with fds 0, 1 and 2 on /dev/null and its own two files."""
    saved = [os.dup(fd) for fd in (0, 1, 2)]
    targets = [os.open(os.devnull, os.O_RDONLY),
               os.open(str(case["stdout"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
               os.open(str(case["stderr"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
    try:
        for fd, target in enumerate(targets):
            os.dup2(target, fd)
        return run_case(case)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, (old, target) in enumerate(zip(saved, targets, strict=True)):
            os.dup2(old, fd)
            os.close(old)
            os.close(target)


def main() -> None:
    jobs, progress = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")), sys.argv[2]
    import briefgen.commands.cli  # noqa: F401  (outside any case: a case's files hold its own output)

    with open(progress, "a", encoding="utf-8") as report:  # noqa: PTH123
        for case in jobs:
            status = redirected(case)
            report.write(f"{case['name']} {status}\n")
            report.flush()


if __name__ == "__main__":
    main()
