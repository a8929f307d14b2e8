#include "ccurl.h"
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static CURLcode (*p_global_init)(long);
static CURL *(*p_easy_init)(void);
static CURLcode (*p_easy_setopt)(CURL *, CURLoption, ...);
static CURLcode (*p_easy_perform)(CURL *);
static CURLcode (*p_easy_getinfo)(CURL *, CURLINFO, ...);
static void (*p_easy_cleanup)(CURL *);
static struct curl_slist *(*p_slist_append)(struct curl_slist *, const char *);
static void (*p_slist_free_all)(struct curl_slist *);
static const char *(*p_easy_strerror)(CURLcode);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[256];

static void load(void) {
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(load_error, sizeof load_error, "libcurl is not installed (%s)", dlerror());
        return;
    }
#define SYM(var, name) *(void **)(&var) = dlsym(lib, name); if (!var) { snprintf(load_error, sizeof load_error, "libcurl lacks %s", name); return; }
    SYM(p_global_init, "curl_global_init")
    SYM(p_easy_init, "curl_easy_init")
    SYM(p_easy_setopt, "curl_easy_setopt")
    SYM(p_easy_perform, "curl_easy_perform")
    SYM(p_easy_getinfo, "curl_easy_getinfo")
    SYM(p_easy_cleanup, "curl_easy_cleanup")
    SYM(p_slist_append, "curl_slist_append")
    SYM(p_slist_free_all, "curl_slist_free_all")
    SYM(p_easy_strerror, "curl_easy_strerror")
#undef SYM
    if (p_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) snprintf(load_error, sizeof load_error, "libcurl failed to start");
}

int hr_curl_load(char *why, size_t why_len) {
    pthread_once(&once, load);
    if (load_error[0]) {
        snprintf(why, why_len, "%s", load_error);
        return -1;
    }
    return 0;
}

typedef struct { unsigned char *data; size_t len, cap; } buffer;

static size_t on_data(char *ptr, size_t size, size_t n, void *user) {
    buffer *b = user;
    size_t add = size * n;
    if (b->len + add + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 65536);
        while (cap < b->len + add + 1) cap *= 2;
        unsigned char *d = realloc(b->data, cap);
        if (!d) return 0;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, ptr, add);
    b->len += add;
    return add;
}

typedef struct { int (*cancelled)(void *); void *ctx; } progress;

static int on_progress(void *user, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d) {
    (void)a; (void)b; (void)c; (void)d;
    progress *p = user;
    return p->cancelled && p->cancelled(p->ctx) ? 1 : 0;
}

hr_http_result hr_http_get(const char *url, const char *const *headers, int header_count, double timeout_seconds,
                           int insecure, int (*cancelled)(void *), void *ctx) {
    hr_http_result r;
    memset(&r, 0, sizeof r);
    if (hr_curl_load(r.error, sizeof r.error) != 0) { r.curl_code = -1; return r; }
    CURL *h = p_easy_init();
    if (!h) { r.curl_code = -1; snprintf(r.error, sizeof r.error, "libcurl could not start a transfer"); return r; }
    struct curl_slist *list = NULL;
    for (int i = 0; i < header_count; i++) list = p_slist_append(list, headers[i]);
    buffer body = {0};
    progress prog = {cancelled, ctx};
    char errbuf[CURL_ERROR_SIZE] = {0};
    long timeout_ms = (long)(timeout_seconds * 1000);
    p_easy_setopt(h, CURLOPT_URL, url);
    p_easy_setopt(h, CURLOPT_HTTPHEADER, list);
    p_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    p_easy_setopt(h, CURLOPT_WRITEDATA, &body);
    p_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    p_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    p_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    p_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    p_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    p_easy_setopt(h, CURLOPT_XFERINFODATA, &prog);
    p_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    p_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    p_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    p_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    if (insecure) {
        p_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
        p_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    CURLcode code = p_easy_perform(h);
    r.curl_code = (int)code;
    if (code == CURLE_OK) {
        char *ct = NULL;
        p_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
        p_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
        if (ct) r.content_type = strdup(ct);
        r.body = body.data;
        r.body_len = body.len;
    } else {
        snprintf(r.error, sizeof r.error, "%s", errbuf[0] ? errbuf : p_easy_strerror(code));
        free(body.data);
    }
    p_slist_free_all(list);
    p_easy_cleanup(h);
    return r;
}

void hr_http_free(hr_http_result *r) {
    free(r->body);
    free(r->content_type);
    r->body = NULL;
    r->content_type = NULL;
}
