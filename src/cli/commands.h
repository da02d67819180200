/* commands.h: the subcommands, one per file in src/cli/ (cmd_<name>.c). */
#ifndef OCOP_COMMANDS_H
#define OCOP_COMMANDS_H

#include "cli/cli.h"

extern const cli_command cmd_kiosk;  /* cmd_kiosk.c: the kiosk itself (no subcommand) */
extern const cli_command cmd_search; /* cmd_search.c: the kiosk's search from the shell */
extern const cli_command cmd_bench;  /* cmd_bench.c: the performance figures (DESIGN §7) */

#endif
