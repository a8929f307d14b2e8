// Swift cannot call C variadic functions, so each el_set()/history() call shape that
// Headroom uses gets a small non-variadic wrapper here.
#ifndef HEADROOM_CEDITLINE_SHIM_H
#define HEADROOM_CEDITLINE_SHIM_H

#include <histedit.h>
#include <wchar.h>

typedef char *(*hr_prompt_fn)(EditLine *);
typedef unsigned char (*hr_command_fn)(EditLine *, int);
typedef int (*hr_getc_fn)(EditLine *, wchar_t *);

static inline int hr_el_set_prompt(EditLine *e, hr_prompt_fn f) { return el_set(e, EL_PROMPT, f); }
static inline int hr_el_set_editor(EditLine *e, const char *mode) { return el_set(e, EL_EDITOR, mode); }
static inline int hr_el_set_history(EditLine *e, History *h) { return el_set(e, EL_HIST, history, h); }
static inline int hr_el_set_getc(EditLine *e, hr_getc_fn f) { return el_set(e, EL_GETCFN, f); }
static inline int hr_el_set_signal(EditLine *e, int on) { return el_set(e, EL_SIGNAL, on); }
static inline int hr_el_set_clientdata(EditLine *e, void *data) { return el_set(e, EL_CLIENTDATA, data); }
static inline void *hr_el_get_clientdata(EditLine *e) {
    void *data = 0;
    el_get(e, EL_CLIENTDATA, &data);
    return data;
}
static inline int hr_el_addfn(EditLine *e, const char *name, const char *help, hr_command_fn f) {
    return el_set(e, EL_ADDFN, name, help, f);
}
static inline int hr_el_bind(EditLine *e, const char *key, const char *command) {
    return el_set(e, EL_BIND, key, command, (const char *)0);
}

static inline int hr_history_setsize(History *h, int n) { HistEvent ev; return history(h, &ev, H_SETSIZE, n); }
static inline int hr_history_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int hr_history_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
static inline int hr_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
static inline int hr_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }
static inline int hr_history_clear(History *h) { HistEvent ev; return history(h, &ev, H_CLEAR); }
static inline int hr_el_refresh(EditLine *e) { return el_set(e, EL_REFRESH); }
/// The newest history entry (H_FIRST), then older ones (H_NEXT); NULL past the end.
static inline const char *hr_history_first(History *h) {
    HistEvent ev;
    return history(h, &ev, H_FIRST) == -1 ? 0 : ev.str;
}
static inline const char *hr_history_next(History *h) {
    HistEvent ev;
    return history(h, &ev, H_NEXT) == -1 ? 0 : ev.str;
}

#endif
