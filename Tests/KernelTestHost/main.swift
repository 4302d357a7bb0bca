import Foundation
import JupyterKernel

// TEST ONLY: a kernel binary with a toy interpreter, for exercising the transport and
// dispatcher end to end. Usage: KernelTestHost --connection-file FILE
let arguments = CommandLine.arguments
guard let flag = arguments.firstIndex(of: "--connection-file"), flag + 1 < arguments.count else {
  FileHandle.standardError.write(Data("usage: KernelTestHost --connection-file FILE\n".utf8))
  exit(2)
}
do {
  try runKernel(connectionFile: arguments[flag + 1], interpreter: ToyInterpreter())
} catch {
  FileHandle.standardError.write(Data("KernelTestHost: \(error)\n".utf8))
  exit(1)
}
