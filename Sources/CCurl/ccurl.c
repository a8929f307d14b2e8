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
static CURLM *(*p_multi_init)(void);
static CURLMcode (*p_multi_add_handle)(CURLM *, CURL *);
static CURLMcode (*p_multi_remove_handle)(CURLM *, CURL *);
static CURLMcode (*p_multi_perform)(CURLM *, int *);
static CURLMcode (*p_multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
static CURLMsg *(*p_multi_info_read)(CURLM *, int *);
static CURLMcode (*p_multi_cleanup)(CURLM *);
static const char *(*p_multi_strerror)(CURLMcode);

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
    SYM(p_multi_init, "curl_multi_init")
    SYM(p_multi_add_handle, "curl_multi_add_handle")
    SYM(p_multi_remove_handle, "curl_multi_remove_handle")
    SYM(p_multi_perform, "curl_multi_perform")
    SYM(p_multi_poll, "curl_multi_poll")
    SYM(p_multi_info_read, "curl_multi_info_read")
    SYM(p_multi_cleanup, "curl_multi_cleanup")
    SYM(p_multi_strerror, "curl_multi_strerror")
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

struct hr_http_stream {
    CURLM *multi;
    CURL *easy;
    struct curl_slist *headers;
    buffer pending;          // what libcurl delivered since the caller last took bytes
    progress prog;
    char errbuf[CURL_ERROR_SIZE];
    int done;
    int code;                // the transfer's CURLcode once done (-1: the multi interface failed)
};

hr_http_stream *hr_http_open(const char *url, const char *const *headers, int header_count, double timeout_seconds,
                             int insecure, int (*cancelled)(void *), void *ctx, hr_http_result *failure) {
    memset(failure, 0, sizeof *failure);
    failure->curl_code = -1;
    if (hr_curl_load(failure->error, sizeof failure->error) != 0) return NULL;
    hr_http_stream *s = calloc(1, sizeof *s);
    if (!s) { snprintf(failure->error, sizeof failure->error, "out of memory"); return NULL; }
    s->easy = p_easy_init();
    s->multi = p_multi_init();
    if (!s->easy || !s->multi) {
        if (s->easy) p_easy_cleanup(s->easy);
        if (s->multi) p_multi_cleanup(s->multi);
        free(s);
        snprintf(failure->error, sizeof failure->error, "libcurl could not start a transfer");
        return NULL;
    }
    for (int i = 0; i < header_count; i++) s->headers = p_slist_append(s->headers, headers[i]);
    s->prog.cancelled = cancelled;
    s->prog.ctx = ctx;
    long timeout_ms = (long)(timeout_seconds * 1000);
    CURL *h = s->easy;
    p_easy_setopt(h, CURLOPT_URL, url);
    p_easy_setopt(h, CURLOPT_HTTPHEADER, s->headers);
    p_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    p_easy_setopt(h, CURLOPT_WRITEDATA, &s->pending);
    p_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    p_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    p_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    p_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    p_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    p_easy_setopt(h, CURLOPT_XFERINFODATA, &s->prog);
    p_easy_setopt(h, CURLOPT_ERRORBUFFER, s->errbuf);
    p_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    p_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    p_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    if (insecure) {
        p_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
        p_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    p_multi_add_handle(s->multi, h);
    return s;
}

int hr_http_next(hr_http_stream *s, const unsigned char **data, size_t *len) {
    s->pending.len = 0;  // the caller is done with the bytes it was given
    while (!s->done) {
        int running = 0;
        CURLMcode mc = p_multi_perform(s->multi, &running);
        if (mc != CURLM_OK) {
            s->done = 1;
            s->code = -1;
            snprintf(s->errbuf, sizeof s->errbuf, "%s", p_multi_strerror(mc));
            break;
        }
        if (!running) {
            // Finished: its outcome is reported once, now.
            s->done = 1;
            s->code = CURLE_RECV_ERROR;
            int left = 0;
            CURLMsg *m;
            while ((m = p_multi_info_read(s->multi, &left)))
                if (m->msg == CURLMSG_DONE) s->code = (int)m->data.result;
        }
        if (s->pending.len > 0) break;
        if (!s->done) p_multi_poll(s->multi, NULL, 0, 1000, NULL);
    }
    if (s->pending.len == 0) return 0;
    *data = s->pending.data;
    *len = s->pending.len;
    return 1;
}

hr_http_result hr_http_finish(hr_http_stream *s) {
    hr_http_result r;
    memset(&r, 0, sizeof r);
    // Stopped early (the body was not wanted whole): no transfer error to report.
    r.curl_code = s->done ? s->code : 0;
    if (r.curl_code == 0) {
        char *ct = NULL;
        p_easy_getinfo(s->easy, CURLINFO_RESPONSE_CODE, &r.status);
        p_easy_getinfo(s->easy, CURLINFO_CONTENT_TYPE, &ct);
        if (ct) r.content_type = strdup(ct);
    } else if (r.curl_code > 0) {
        snprintf(r.error, sizeof r.error, "%s", s->errbuf[0] ? s->errbuf : p_easy_strerror((CURLcode)r.curl_code));
    } else {
        snprintf(r.error, sizeof r.error, "%s", s->errbuf);
    }
    p_multi_remove_handle(s->multi, s->easy);
    p_easy_cleanup(s->easy);
    p_multi_cleanup(s->multi);
    p_slist_free_all(s->headers);
    free(s->pending.data);
    free(s);
    return r;
}

hr_http_result hr_http_get(const char *url, const char *const *headers, int header_count, double timeout_seconds,
                           int insecure, int (*cancelled)(void *), void *ctx) {
    hr_http_result failure;
    hr_http_stream *s = hr_http_open(url, headers, header_count, timeout_seconds, insecure, cancelled, ctx, &failure);
    if (!s) return failure;
    buffer body = {0};
    const unsigned char *data;
    size_t len;
    while (hr_http_next(s, &data, &len)) {
        if (on_data((char *)data, 1, len, &body) != len) {
            free(body.data);
            hr_http_result r = hr_http_finish(s);
            free(r.content_type);
            memset(&r, 0, sizeof r);
            r.curl_code = -1;
            snprintf(r.error, sizeof r.error, "out of memory for the answer");
            return r;
        }
    }
    hr_http_result r = hr_http_finish(s);
    if (r.curl_code == 0) {
        r.body = body.data;
        r.body_len = body.len;
    } else {
        free(body.data);
    }
    return r;
}

void hr_http_free(hr_http_result *r) {
    free(r->body);
    free(r->content_type);
    r->body = NULL;
    r->content_type = NULL;
}
