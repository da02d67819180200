/*
 * config.h: kiosk.ini, the kiosk's settings (kiosk-config/kiosk.ini documents every key and
 * its default). Read with libinih. Unknown keys are a warning; bad values an error naming
 * file, line and key.
 */
#ifndef OCOP_CONFIG_H
#define OCOP_CONFIG_H

#include "core/base.h"

#define CONFIG_TEXT_MAX  256
#define CONFIG_LOGOS_MAX 4 /* organiser logos on the attract screen */

/* [sync] (DESIGN §8): the central PostgreSQL server. url "" = no server: the kiosk works
 * alone. The password is never here: password_file names a file holding it (else libpq's
 * PGPASSFILE / ~/.pgpass). */
typedef struct kiosk_sync_config {
    char url[512];           /* postgresql://user@host:port/db (no password), or "" */
    char password_file[256]; /* "" = PGPASSFILE / ~/.pgpass */
    char fair[128];          /* the fair whose catalogue this kiosk pulls; "" = all products */
    int interval_seconds;    /* push the outbox and pull the catalogue this often */
    int batch;               /* outbox rows per server transaction */
    int timeout_seconds;     /* connecting, and the wait for a hold while the buyer waits */
} kiosk_sync_config;

/* [desk]: the organisers' desk at the fair, the contact a buyer gets when no producer's is known
 * (the thank-you screen). All "" = no desk given. */
typedef struct kiosk_desk_config {
    char name_vi[CONFIG_TEXT_MAX]; /* "Quầy Ban tổ chức" */
    char name_en[CONFIG_TEXT_MAX]; /* "Organisers' desk" */
    char booth[64];                /* where it is: "Hall A, booth A01" */
    char phone[32];                /* as written; checked like a buyer's number */
    char zalo[32];                 /* the desk's Zalo number; "" = the phone's */
} kiosk_desk_config;

typedef struct kiosk_config {
    char event_name_vi[CONFIG_TEXT_MAX]; /* shown on the attract screen */
    char event_name_en[CONFIG_TEXT_MAX];
    char event_dates_vi[CONFIG_TEXT_MAX]; /* as written: "05–08/12/2026"; "" = not shown */
    char event_dates_en[CONFIG_TEXT_MAX]; /* "5–8 December 2026"; "" = the Vietnamese one */
    char event_venue_vi[CONFIG_TEXT_MAX]; /* "Nhà thi đấu tỉnh Sóc Trăng"; "" = not shown */
    char event_venue_en[CONFIG_TEXT_MAX]; /* "" = the Vietnamese one */
    char database[CONFIG_TEXT_MAX];       /* default database file (--db overrides) */
    char kiosk_id[64];                    /* stamped on every lead; "" = make one and keep it */
    char lang[3];                         /* "vi" or "en": the language a visitor starts in */
    char ime[8];                          /* "telex" or "vni" */
    char tone_style[4];                   /* "old" (hòa) or "new" (hoà) */
    int idle_seconds;                     /* no touch this long: warn */
    int idle_warning_seconds;             /* then count down this long and reset */
    int hold_days;                        /* instant holds expire after this many days */
    int max_share_percent;                /* one inquiry may hold at most this share of a
                                             producer's free monthly capacity */
    int small_producer_capacity;          /* "small": free monthly base quantity below this */
    bool large_text;                      /* start in large-text / high-contrast mode */
    double diagonal_inches;               /* [screen]: the panel's diagonal; sizes touch targets
                                             (ui_app_touch_px); 0 = not known */
    char renderer[12];                    /* "auto", "software", "opengl" or "opengles2" */
    kiosk_sync_config sync;               /* [sync]: the fair's central server, when there is one */
    kiosk_desk_config desk;               /* [desk]: the organisers' desk */
    char source_path[4096];               /* the file these settings were loaded from (config_load),
                                             "" for the embedded defaults; the organiser screen's USB
                                             update replaces that file */
    /* [event] logos: the organisers' logo files (PNG or SVG) as written, relative to the folder
     * of kiosk.ini (config_file_path); event_logos_line is the key's line, for messages about a
     * file that cannot be shown. */
    char event_logos[CONFIG_LOGOS_MAX][CONFIG_TEXT_MAX];
    int event_logo_count;
    int event_logos_line;
} kiosk_config;

/* True when a server URL or conninfo string carries a password (postgresql://user:pw@…,
 * ?password=…, password=… ): kiosk.ini refuses it. */
bool config_url_has_password(const char *url);

/* A file kiosk.ini names (`name`, e.g. a logo), as a path into `out` (`cap` bytes): `name`
 * itself when absolute, else relative to the folder of the kiosk.ini loaded (source_path), or
 * to the working directory when none was. Returns false when it does not fit. */
bool config_file_path(const kiosk_config *cfg, const char *name, char *out, size_t cap);

/* The embedded defaults. */
void config_defaults(kiosk_config *cfg);
/* Loads `path` over the defaults already in `cfg`. Returns 0, or -1 with `err` set to
 * "FILE:LINE: key: reason". Warnings (unknown keys) go to stderr. */
int config_load(const char *path, kiosk_config *cfg, ocop_error *err);
/* config_load for a kiosk.ini already in memory (text[0..len), e.g. read from a USB stick),
 * named `name` in messages; does not set source_path. */
int config_load_text(const char *name, const char *text, size_t len, kiosk_config *cfg,
                     ocop_error *err);

#endif
