#ifndef SWIFTBAYES_CZEROMQ_SHIM_H
#define SWIFTBAYES_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
