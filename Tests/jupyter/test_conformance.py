"""jupyter_kernel_test 0.7.0, the conformance suite other kernels use, with every
attribute set: nothing may be skipped."""
import unittest

import jupyter_kernel_test as jkt

from conftest import KERNEL_NAME
from samples import SAMPLES


class SwiftBayesKernelTests(jkt.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "swift"
    file_extension = ".swift"

    code_hello_world = SAMPLES["hello_world"]
    code_stderr = SAMPLES["stderr"]
    completion_samples = SAMPLES["completion_samples"]
    complete_code_samples = SAMPLES["complete_code_samples"]
    incomplete_code_samples = SAMPLES["incomplete_code_samples"]
    invalid_code_samples = SAMPLES["invalid_code_samples"]
    code_page_something = SAMPLES["page_something"]
    code_generate_error = SAMPLES["generate_error"]
    code_execute_result = SAMPLES["execute_result"]
    code_display_data = SAMPLES["display_data"]
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = SAMPLES["history_pattern"]
    code_inspect_sample = SAMPLES["inspect_sample"]
    code_clear_output = SAMPLES["clear_output"]


class SwiftBayesIopubWelcomeTests(jkt.IopubWelcomeTests):
    kernel_name = KERNEL_NAME
    support_iopub_welcome = True


if __name__ == "__main__":
    unittest.main(verbosity=2)
