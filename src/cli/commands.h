/* commands.h: the subcommands, one per file in src/cli/ (cmd_<name>.c). */
#ifndef OCOP_COMMANDS_H
#define OCOP_COMMANDS_H

#include "cli/cli.h"

extern const cli_command cmd_kiosk;    /* cmd_kiosk.c: the kiosk itself (no subcommand) */
extern const cli_command cmd_type;     /* cmd_type.c: the Telex/VNI engine on keystrokes */
extern const cli_command cmd_import;   /* cmd_import.c: catalogue import */
extern const cli_command cmd_export;   /* cmd_export.c */
extern const cli_command cmd_merge;    /* cmd_merge.c */
extern const cli_command cmd_set_pin;  /* cmd_set_pin.c */
extern const cli_command cmd_purge;    /* cmd_purge.c */
extern const cli_command cmd_shot;     /* cmd_shot.c: a screen rendered headless */
extern const cli_command cmd_search;   /* cmd_search.c: the kiosk's search from the shell */
extern const cli_command cmd_bench;    /* cmd_bench.c: the performance figures (DESIGN §7) */
extern const cli_command cmd_match;    /* cmd_match.c: instant match (dry run) */
extern const cli_command cmd_inquire;  /* cmd_inquire.c: record an inquiry with holds */
extern const cli_command cmd_unmet;    /* cmd_unmet.c: unmet demand */
extern const cli_command cmd_allocate; /* cmd_allocate.c: batch allocation */
extern const cli_command cmd_server;   /* cmd_server.c: the central server's schema */
extern const cli_command cmd_sync;     /* cmd_sync.c: push the outbox, pull the catalogue */

#endif
