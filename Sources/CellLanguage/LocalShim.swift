// local-only build shim for the kernel branch: never committed
