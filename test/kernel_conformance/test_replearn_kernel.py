"""The Jupyter project's kernel conformance suite (jupyter_kernel_test) against the replearn kernel.

    python test/kernel_conformance/test_replearn_kernel.py [--json]

Every upstream check runs (none is skipped); the test_replearn_* checks cover what the project adds: errors
mapped to cell lines, TypeScript errors, interrupts, output of work that outlives its cell, stop_on_error,
comms, rich results and ESM imports. test/kernel_conformance/kernel-conformance.test.ts runs this file from
mocha and asserts the outcome of every check. With --json the last line of stdout is
{"tests": {"<test>": "pass" | "fail" | "error" | "skip: <reason>"}, "subtests": {"<test> [<params>]": ...}}.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
import unittest
from typing import Any

import jupyter_kernel_test as jkt
from jupyter_client.manager import start_new_kernel
from jupyter_kernel_test.msgspec_v5 import validate_message

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The replearn kernelspec lives in the project, not in the user's Jupyter folders.
os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in [os.path.join(ROOT, "jupyter"), os.environ.get("JUPYTER_PATH")] if p)

WARM_UP = ("import * as tslab from 'tslab';\n"
           "import { tf, initBackend, showChart, showImages, showMarkdown, createProgress, jupyter } from 'replearn';\n"
           "await initBackend();")
WARM_UP_TIMEOUT = 240  # first compile plus loading tfjs, on a busy 2-core machine
ESM_FIXTURE = os.path.join(ROOT, "test", "fixtures", "esm-only")


class ReplearnKernelTests(jkt.KernelTests):
    kernel_name = "replearn"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = "console.log('hello, world')"
    code_stderr = "console.error('a warning')"
    completion_samples = [
        {"text": "Math.ab", "matches": {"abs"}},
        {"text": "tf.layers.den", "matches": {"dense"}},
        {"text": "createProg", "matches": {"createProgress"}},
    ]
    complete_code_samples = ["1 + 1", "const x = 1;", "function f() { return 1; }", "for (const i of [1, 2]) console.log(i);"]
    incomplete_code_samples = ["function f() {", "if (true) {", "const a = [1,"]
    invalid_code_samples = ["const = ;", "}"]
    code_generate_error = "throw new Error('boom')"
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "'a' + 'b'", "result": "'ab'"},
        {"code": "tf.tensor([[1, 2], [3, 4]])", "mime": "text/html"},
    ]
    code_history_pattern = "1 + 2"
    supported_history_operations = ("tail", "range", "search")
    code_page_something = "Math.max?"
    code_clear_output = "console.log('gone'); jupyter.clearOutput()"
    # Rich display: tslab's own API and replearn's displays (the lessons' chart, image grid and markdown).
    code_display_data = [
        {"code": "tslab.display.html('<b>bold</b>')", "mime": "text/html"},
        {"code": "showMarkdown('**bold**')", "mime": "text/markdown"},
        {"code": "tf.tidy(() => showImages(tf.zeros([2, 8, 8, 1])))", "mime": "image/png"},
        {"code": "await showChart({ data: { values: [{ a: 'x', b: 2 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } } })",
         "mime": "application/vnd.vegalite.v5+json"},
        {"code": "await jupyter.display({ [jupyter.JUPYTER_DISPLAY]: () => ({ 'text/html': '<i>hook</i>' }) })", "mime": "text/html"},
    ]
    code_inspect_sample = "Math.max"

    @classmethod
    def setUpClass(cls) -> None:
        # cwd = project root, so `import 'replearn'` resolves through node_modules/replearn.
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, cwd=ROOT, startup_timeout=120)
        reply = cls.kc.execute_interactive(WARM_UP, timeout=WARM_UP_TIMEOUT, output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            cls.tearDownClass()
            raise RuntimeError(f"warm-up failed: {reply['content']}")

    def shell_reply_to(self, msg_id: str, channel: str = "shell") -> dict[str, Any]:
        get = self.kc.get_shell_msg if channel == "shell" else self.kc.get_control_msg
        while True:
            reply = get(timeout=jkt.TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def iopub_until_idle(self, msg_id: str, timeout: float = jkt.TIMEOUT) -> list[dict[str, Any]]:
        """The iopub messages of one request between busy and idle, each validated."""
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if not msg["msg_type"].startswith("comm_"):  # the upstream schemas have none for comm messages
                validate_message(msg, msg["msg_type"], msg_id)
            if msg["msg_type"] == "status":
                if msg["content"]["execution_state"] == "idle":
                    return outputs
                continue
            if msg["msg_type"] != "execute_input":
                outputs.append(msg)

    def run_cell(self, code: str, timeout: float = jkt.TIMEOUT) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        self.flush_channels()
        msg_id = self.kc.execute(code)
        reply = self.shell_reply_to(msg_id)
        validate_message(reply, "execute_reply", msg_id)
        return reply, self.iopub_until_idle(msg_id, timeout)

    # replearn's own needs from the protocol.
    def test_replearn_kernel_info(self) -> None:
        self.flush_channels()
        msg_id = self.kc.kernel_info()
        reply = self.shell_reply_to(msg_id)
        content = reply["content"]
        self.assertEqual(content["status"], "ok")
        self.assertEqual(content["protocol_version"], "5.5")
        info = content["language_info"]
        self.assertEqual((info["name"], info["file_extension"], info["mimetype"]), ("typescript", ".ts", "text/typescript"))
        self.assertRegex(info["version"], r"^\d+\.\d+\.\d+$")

    def test_replearn_error_names_cell_and_line(self) -> None:
        """A runtime error: an error message whose traceback names the cell and the TypeScript line."""
        reply, _ = self.run_cell("function twoLine(n: number): number {\n  const o: { v: number } | null = n > 0 ? null : { v: 1 };\n  return o!.v;\n}")
        defining = reply["content"]["execution_count"]
        reply, outputs = self.run_cell("const n = 3;\ntwoLine(n)")
        content = reply["content"]
        self.assertEqual((content["status"], content["ename"]), ("error", "TypeError"))
        self.assertIn("Cannot read properties of null", content["evalue"])
        self.assertEqual([m["msg_type"] for m in outputs], ["error"])
        tb = "\n".join(outputs[0]["content"]["traceback"])
        self.assertIn(f"at twoLine (cell [{defining}], line 3)", tb)
        self.assertIn(f"(cell [{content['execution_count']}], line 2)", tb)
        self.assertNotIn("tslab", tb)
        self.assertNotIn("node:", tb)
        self.assertNotIn("jupyter/kernel", tb)

    def test_replearn_typescript_error(self) -> None:
        reply, outputs = self.run_cell("const fine = 1;\nconst s: string = 42;")
        content = reply["content"]
        self.assertEqual((content["status"], content["ename"]), ("error", "TypeScriptError"))
        self.assertIn("not assignable to type 'string'", content["evalue"])
        self.assertIn("line 2:7", content["evalue"])
        self.assertIn("  2 | const s: string = 42;", outputs[0]["content"]["traceback"])

    def test_replearn_stop_on_error_aborts_queued(self) -> None:
        """A failing cell with stop_on_error aborts the executes already queued; later ones run again."""
        self.flush_channels()
        failing = self.kc.execute("await new Promise((r) => setTimeout(r, 300)); throw new Error('first')")
        queued = self.kc.execute("console.log('must not run')")
        self.assertEqual(self.shell_reply_to(failing)["content"]["status"], "error")
        self.assertEqual(self.shell_reply_to(queued)["content"]["status"], "aborted")
        reply, outputs = self.run_cell("console.log('runs again')")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(outputs[0]["content"]["text"], "runs again\n")

    def test_replearn_interrupt_sync_loop_and_await(self) -> None:
        """interrupt_request (control channel) stops a synchronous loop and a pending await; state survives."""
        for code in ["const t0 = Date.now(); while (Date.now() - t0 < 60000) {}", "await new Promise(() => {})"]:
            with self.subTest(code=code):
                self.flush_channels()
                msg_id = self.kc.execute(code)
                time.sleep(1.5)
                interrupt = self.kc.session.msg("interrupt_request", {})
                self.kc.control_channel.send(interrupt)
                self.assertEqual(self.shell_reply_to(interrupt["header"]["msg_id"], "control")["content"]["status"], "ok")
                reply = self.shell_reply_to(msg_id)
                self.assertEqual((reply["content"]["status"], reply["content"]["ename"]), ("error", "Interrupted"))
        reply, outputs = self.run_cell("1 + 1")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "2")

    def test_replearn_async_output_goes_to_its_cell(self) -> None:
        """Output and errors of timers and promises that outlive their cell carry that cell's parent header."""
        self.flush_channels()
        first = self.kc.execute("setTimeout(() => console.log('late'), 300);\nsetTimeout(() => { throw new Error('late boom'); }, 400);")
        self.shell_reply_to(first)
        second = self.kc.execute("await new Promise((r) => setTimeout(r, 1000)); console.log('second')")
        self.shell_reply_to(second)
        seen: list[tuple[str, str, str]] = []
        deadline = time.time() + jkt.TIMEOUT
        while time.time() < deadline and not any(s[1] == "stream" and s[2] == "second\n" for s in seen):
            msg = self.kc.get_iopub_msg(timeout=jkt.TIMEOUT)
            parent = msg["parent_header"].get("msg_id")
            text = msg["content"].get("text") or msg["content"].get("evalue") or ""
            seen.append(("first" if parent == first else "second" if parent == second else "other", msg["msg_type"], text))
        self.assertIn(("first", "stream", "late\n"), seen)
        self.assertIn(("first", "error", "late boom"), seen)
        self.assertNotIn("late", "".join(s[2] for s in seen if s[0] == "second"))

    def test_replearn_comms(self) -> None:
        """comm_info lists comms; comm_open reaches a registered target, whose replies arrive as comm_msg."""
        self.run_cell("jupyter.registerCommTarget('echo', (comm) => comm.onMessage((data) => comm.send({ echo: data.x })))")
        comm_id = "c0ffee"
        self.kc.shell_channel.send(self.kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "echo", "data": {}}))
        time.sleep(0.5)
        msg_id = self.kc.comm_info(target_name="echo")
        reply = self.shell_reply_to(msg_id)
        validate_message(reply, "comm_info_reply", msg_id)
        self.assertEqual(reply["content"]["comms"], {comm_id: {"target_name": "echo"}})
        self.flush_channels()
        msg = self.kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {"x": 7}})
        self.kc.shell_channel.send(msg)
        echoed = [m for m in self.iopub_until_idle(msg["header"]["msg_id"]) if m["msg_type"] == "comm_msg"]
        self.assertEqual(echoed[0]["content"]["data"], {"echo": 7})
        self.kc.shell_channel.send(self.kc.session.msg("comm_close", {"comm_id": comm_id, "data": {}}))
        time.sleep(0.3)
        reply = self.shell_reply_to(self.kc.comm_info())
        self.assertEqual(reply["content"]["comms"], {})

    def test_replearn_rich_results(self) -> None:
        """Tensors (text, HTML, PNG for image shapes), DataFrames (HTML table) and undefined (no result)."""
        _, outputs = self.run_cell("tf.tensor([[1, 2], [3, 4]])")
        data = outputs[-1]["content"]["data"]
        self.assertEqual(data["text/plain"], "Tensor shape [2, 2] float32\n[[1, 2],\n [3, 4]]")
        _, outputs = self.run_cell("tf.ones([8, 8, 1])")
        self.assertIn("image/png", outputs[-1]["content"]["data"])
        _, outputs = self.run_cell("import * as pl from 'nodejs-polars';\npl.DataFrame({ a: [1, 2], b: ['x', 'y'] })")
        self.assertIn("<table", outputs[-1]["content"]["data"]["text/html"])
        _, outputs = self.run_cell("undefined")
        self.assertEqual(outputs, [])

    def test_replearn_esm_import(self) -> None:
        """A cell imports an ESM-only package (no "require" export) from the kernel's folder."""
        results: list[dict[str, Any]] = []
        work = tempfile.mkdtemp(prefix="replearn-esm-")
        try:
            shutil.copytree(ESM_FIXTURE, os.path.join(work, "node_modules", "esm-only-fixture"))
            km, kc = start_new_kernel(kernel_name=self.kernel_name, cwd=work, startup_timeout=120)
            try:
                reply = kc.execute_interactive("import greet, { answer } from 'esm-only-fixture';\ngreet('esm') + ' ' + answer",
                                               timeout=60, output_hook=lambda m: results.append(m))
                self.assertEqual(reply["content"]["status"], "ok", reply["content"])
            finally:
                kc.stop_channels()
                km.shutdown_kernel()
        finally:
            shutil.rmtree(work)
        values = [m["content"]["data"]["text/plain"] for m in results if m["msg_type"] == "execute_result"]
        self.assertEqual(values, ["'hello esm 42'"])

    def test_replearn_progress_updates_in_place(self) -> None:
        """The live training display: one display_data, then update_display_data with the same display_id."""
        code = "{ const p = createProgress({ total: 2, label: 'steps' }); p.update(1); p.update(2); p.finish(); }"
        reply, outputs = self.run_cell(code)
        self.assertEqual(reply["content"]["status"], "ok")
        kinds = [m["msg_type"] for m in outputs]
        self.assertEqual(kinds[0], "display_data")
        self.assertGreaterEqual(kinds.count("update_display_data"), 1)
        ids = {m["content"]["transient"]["display_id"] for m in outputs}
        self.assertEqual(len(ids), 1, f"one display id expected, got {ids}")
        self.assertIn("done in", outputs[-1]["content"]["data"]["text/plain"])

    def test_replearn_inspect_library(self) -> None:
        """Shift-Tab on a replearn function shows its signature and doc comment."""
        self.flush_channels()
        msg_id = self.kc.inspect("createProgress")
        reply = self.get_non_kernel_info_reply(timeout=jkt.TIMEOUT)
        validate_message(reply, "inspect_reply", msg_id)
        assert reply is not None
        self.assertTrue(reply["content"]["found"])
        self.assertIn("function createProgress(options: CreateProgressOptions): ProgressSink", reply["content"]["data"]["text/plain"])


class ReplearnIopubWelcomeTests(jkt.IopubWelcomeTests):
    kernel_name = "replearn"
    support_iopub_welcome = True


class JsonResult(unittest.TextTestResult):
    """Also records the outcome of each test method and each subtest by name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tests: dict[str, str] = {}
        self.subtests: dict[str, str] = {}

    @staticmethod
    def method(test: unittest.TestCase) -> str:
        if isinstance(test, unittest.case._SubTest):  # type: ignore[attr-defined]
            return test.test_case._testMethodName
        return getattr(test, "_testMethodName", str(test))  # str: an _ErrorHolder (setUpClass failed)

    def record(self, test: unittest.TestCase, outcome: str) -> None:
        name = self.method(test)
        if isinstance(test, unittest.case._SubTest):  # type: ignore[attr-defined]
            params = ", ".join(f"{k}={v!r}" for k, v in test.params.items())
            self.subtests[f"{name} [{params}]"] = outcome
            if outcome in ("fail", "error"):
                self.tests[name] = "fail"
            elif outcome.startswith("skip") and name not in self.tests:
                self.tests[name] = outcome  # every subtest skipped: the test counts as skipped
        elif outcome == "pass" and self.tests.get(name, "pass") != "pass":
            pass  # a subtest failed or all were skipped
        else:
            self.tests[name] = outcome

    def addSuccess(self, test: unittest.TestCase) -> None:
        super().addSuccess(test)
        self.record(test, "pass")

    def addFailure(self, test: unittest.TestCase, err: Any) -> None:
        super().addFailure(test, err)
        self.record(test, "fail")

    def addError(self, test: unittest.TestCase, err: Any) -> None:
        super().addError(test, err)
        self.record(test, "error")

    def addSkip(self, test: unittest.TestCase, reason: str) -> None:
        super().addSkip(test, reason)
        self.record(test, f"skip: {reason}")

    def addSubTest(self, test: unittest.TestCase, subtest: unittest.TestCase, err: Any) -> None:
        super().addSubTest(test, subtest, err)
        if err is None:
            self.record(subtest, "pass")
            if self.tests.get(self.method(test), "").startswith("skip"):
                self.tests[self.method(test)] = "pass"  # some subtest ran and passed
        else:
            self.record(subtest, "fail" if issubclass(err[0], test.failureException) else "error")


def main() -> int:
    as_json = "--json" in sys.argv
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    runner = unittest.TextTestRunner(verbosity=2, resultclass=JsonResult, stream=sys.stderr if as_json else sys.stdout)
    result = runner.run(suite)
    if as_json:
        print(json.dumps({"tests": result.tests, "subtests": result.subtests}, sort_keys=True))  # type: ignore[attr-defined]
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
