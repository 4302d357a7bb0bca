#ifndef SWIFTBAYES_COPENSSL_SHIM_H
#define SWIFTBAYES_COPENSSL_SHIM_H
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#endif
