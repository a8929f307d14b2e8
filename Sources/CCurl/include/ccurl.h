// libcurl, loaded with dlopen on the first metrics request, so `headroom` starts without
// loading it and the libraries it depends on. The variadic curl_easy_setopt is called from
// C here; Swift sees only these functions.
#ifndef HEADROOM_CCURL_H
#define HEADROOM_CCURL_H
#include <stddef.h>

typedef struct {
    int curl_code;          // 0 on a completed transfer
    long status;            // HTTP status
    char *content_type;     // malloc'd, may be NULL
    unsigned char *body;    // malloc'd
    size_t body_len;
    char error[256];        // libcurl's message when curl_code != 0
} hr_http_result;

/// Loads libcurl once. Returns 0, or -1 with a reason in `why`.
int hr_curl_load(char *why, size_t why_len);

/// A GET. `headers` are "Name: value" strings. `cancelled(ctx)` returning non-zero aborts.
/// The whole body arrives in `body`.
hr_http_result hr_http_get(const char *url, const char *const *headers, int header_count, double timeout_seconds,
                           int insecure, int (*cancelled)(void *), void *ctx);

/// A GET whose body is read as it arrives, so a large answer is never held whole.
typedef struct hr_http_stream hr_http_stream;

/// Starts the GET (arguments as hr_http_get's); NULL, with the reason in `failure`, when it
/// cannot start.
hr_http_stream *hr_http_open(const char *url, const char *const *headers, int header_count, double timeout_seconds,
                             int insecure, int (*cancelled)(void *), void *ctx, hr_http_result *failure);

/// The next bytes of the body: returns 1 with `*data` and `*len` set (valid until the next
/// call), or 0 when the body has ended, completely or not (hr_http_finish says which).
int hr_http_next(hr_http_stream *stream, const unsigned char **data, size_t *len);

/// Ends the transfer and frees the stream: curl_code 0 when the whole body arrived, the
/// status and content type, or libcurl's error. The result's body is NULL.
hr_http_result hr_http_finish(hr_http_stream *stream);

void hr_http_free(hr_http_result *result);

// The libcurl error codes Headroom explains.
enum {
    HR_CURLE_COULDNT_RESOLVE_HOST = 6, HR_CURLE_COULDNT_CONNECT = 7, HR_CURLE_OPERATION_TIMEDOUT = 28,
    HR_CURLE_ABORTED_BY_CALLBACK = 42, HR_CURLE_PEER_FAILED_VERIFICATION = 60, HR_CURLE_SSL_CONNECT_ERROR = 35,
    HR_CURLE_SSL_CACERT_BADFILE = 77, HR_CURLE_RECV_ERROR = 56, HR_CURLE_GOT_NOTHING = 52, HR_CURLE_PARTIAL_FILE = 18
};
#endif
