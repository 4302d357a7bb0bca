"""Code samples for the kernel under test.

The kernel tests run against one of two kernels, chosen by SWIFTBAYES_KERNEL_UNDER_TEST:

* ``session`` (default): the real ``swiftbayes kernel`` with the SwiftBayes session;
* ``test-host``: ``KernelTestHost``, a test-only binary that runs the same transport and
  dispatcher with a toy line-based interpreter (see Tests/KernelTestHost). It lets the
  protocol side be checked before, and independently of, the language.

Each sample exists in both spellings; tests read them from ``SAMPLES``.
"""
import os

KERNEL_UNDER_TEST = os.environ.get("SWIFTBAYES_KERNEL_UNDER_TEST", "session")

SESSION = {
    "hello_world": 'print("hello, world")',
    "stderr": 'printError("oops")',
    "completion_samples": [{"text": "zi", "matches": {"zip"}}],
    "complete_code_samples": ["1", 'print("hello, world")', "func f(x: Int) -> Int {\n  return x * 2\n}\n\n"],
    "incomplete_code_samples": ['print("""hello', "func f(x: Int) {\n  x * 2"],
    "invalid_code_samples": ["let = 7q"],
    "page_something": "help(zip)",
    "generate_error": "let y = undefinedName",
    "execute_result": [
        {"code": "1 + 2 + 3", "result": "6"},
        {"code": "[1, 2, 3].map { $0 * $0 }", "result": "[1, 4, 9]"},
    ],
    "display_data": [
        {"code": 'display(HTML("<b>test</b>"))', "mime": "text/html"},
        {
            "code": 'display(SVG("<svg xmlns=\\"http://www.w3.org/2000/svg\\" width=\\"10\\" height=\\"10\\"/>"))',
            "mime": "image/svg+xml",
        },
    ],
    # "1?2*" (the stock template's pattern) cannot match Swift-formatted "1 + 2 + 3".
    "history_pattern": "1?+?2*",
    "inspect_sample": "zip",
    "clear_output": "clearOutput()",
    # Protocol tests.
    "one_plus_one": "1 + 1",
    "bind_before": "let before = 41",
    "use_before": "before + 1",
    "endless_loop": "while true {}",
    # A run-time error after a pause, so the requests sent meanwhile are queued.
    "slow_failure": "sleep(1)\nlet y = [1][5]",
    "ticking_loop": 'for i in 0..<3 {\n  print("tick \\(i)")\n  sleep(1)\n}',
    "bind_kept": "let kept = 5",
    "use_kept": "kept",
    "read_line": 'let name = readLine()\nprint(name ?? "nothing")',
}

TEST_HOST = {
    "hello_world": 'print("hello, world")',
    "stderr": 'printError("oops")',
    "completion_samples": [{"text": "zi", "matches": {"zip"}}],
    "complete_code_samples": ["1", 'print("hello, world")', "tick(1)"],
    "incomplete_code_samples": ["tick(", 'html(("x")'],
    "invalid_code_samples": [")"],
    "page_something": "help(zip)",
    "generate_error": "undefinedName",
    "execute_result": [{"code": "1 + 2 + 3", "result": "6"}, {"code": "2 + 2", "result": "4"}],
    "display_data": [
        {"code": 'html("<b>test</b>")', "mime": "text/html"},
        {"code": "svg(\"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>\")", "mime": "image/svg+xml"},
    ],
    "history_pattern": "1?+?2*",
    "inspect_sample": "zip",
    "clear_output": "clearOutput()",
    "one_plus_one": "1 + 1",
    "bind_before": "let before = 41",
    "use_before": "before + 1",
    "endless_loop": "while true {}",
    "slow_failure": "tick(1)\nundefinedName",
    "ticking_loop": "tick(3)",
    "bind_kept": "let kept = 5",
    "use_kept": "kept",
    "read_line": "readLine()",
}

SAMPLES = TEST_HOST if KERNEL_UNDER_TEST == "test-host" else SESSION
