/* pq_lazy.c: libpq, loaded when the program first talks to a server.
 *
 * Only `server`, `sync`, the `--server` commands, the bench's sync area and a kiosk with a
 * [sync] server talk to PostgreSQL. Linked with -lpq, every start of the program loaded libpq and
 * the twenty libraries under it (Kerberos, LDAP, SASL, two TLS stacks) before main: about 10 ms
 * of CPU before the kiosk's first frame (the README's performance section), for nothing on a
 * kiosk without a server. So the program is not linked with libpq. This file defines the libpq
 * functions the project calls; the first call of any of them opens libpq.so.5 (dlopen) and looks
 * all of them up at once, and each one then calls libpq's own.
 *
 * The definitions are checked by the compiler against libpq-fe.h's prototypes. Calling a libpq
 * function that is not in PQ_FUNCTIONS below is a link error ("undefined reference to
 * `PQxxx'"): add it there, with its prototype from libpq-fe.h. Without libpq on the machine (the
 * Debian package depends on libpq5) the first call stops the program with a message naming the
 * library (core/lazy_lib.h).
 */
#include "core/base.h"
#include "core/lazy_lib.h"

#include <libpq-fe.h>
#include <pthread.h>

#define PQ_LIBRARY "libpq.so.5" /* libpq's soname since PostgreSQL 8.0 */

/* X(return type, name, parameters, arguments): every libpq function the project calls. V(...)
 * for those that return nothing. */
#define PQ_FUNCTIONS(X, V)                                                                         \
    X(PGconn *, PQconnectdbParams,                                                                 \
      (const char *const *keywords, const char *const *values, int expand_dbname),                 \
      (keywords, values, expand_dbname))                                                           \
    X(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg),                  \
      (conninfo, errmsg))                                                                          \
    V(PQconninfoFree, (PQconninfoOption * connOptions), (connOptions))                             \
    V(PQfinish, (PGconn * conn), (conn))                                                           \
    X(ConnStatusType, PQstatus, (const PGconn *conn), (conn))                                      \
    X(PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn), (conn))                  \
    X(char *, PQerrorMessage, (const PGconn *conn), (conn))                                        \
    X(char *, PQdb, (const PGconn *conn), (conn))                                                  \
    X(char *, PQuser, (const PGconn *conn), (conn))                                                \
    X(char *, PQhost, (const PGconn *conn), (conn))                                                \
    X(char *, PQport, (const PGconn *conn), (conn))                                                \
    X(PGresult *, PQexec, (PGconn * conn, const char *query), (conn, query))                       \
    X(PGresult *, PQprepare,                                                                       \
      (PGconn * conn, const char *stmtName, const char *query, int nParams,                        \
       const Oid *paramTypes),                                                                     \
      (conn, stmtName, query, nParams, paramTypes))                                                \
    X(PGresult *, PQexecPrepared,                                                                  \
      (PGconn * conn, const char *stmtName, int nParams, const char *const *paramValues,           \
       const int *paramLengths, const int *paramFormats, int resultFormat),                        \
      (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))            \
    X(int, PQsendQueryParams,                                                                      \
      (PGconn * conn, const char *command, int nParams, const Oid *paramTypes,                     \
       const char *const *paramValues, const int *paramLengths, const int *paramFormats,           \
       int resultFormat),                                                                          \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat)) \
    X(int, PQsendQueryPrepared,                                                                    \
      (PGconn * conn, const char *stmtName, int nParams, const char *const *paramValues,           \
       const int *paramLengths, const int *paramFormats, int resultFormat),                        \
      (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))            \
    X(int, PQenterPipelineMode, (PGconn * conn), (conn))                                           \
    X(int, PQexitPipelineMode, (PGconn * conn), (conn))                                            \
    X(int, PQpipelineSync, (PGconn * conn), (conn))                                                \
    X(PGresult *, PQgetResult, (PGconn * conn), (conn))                                            \
    X(ExecStatusType, PQresultStatus, (const PGresult *res), (res))                                \
    X(char *, PQresultErrorMessage, (const PGresult *res), (res))                                  \
    X(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))          \
    X(int, PQntuples, (const PGresult *res), (res))                                                \
    X(int, PQnfields, (const PGresult *res), (res))                                                \
    X(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num),                       \
      (res, tup_num, field_num))                                                                   \
    X(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num),                         \
      (res, tup_num, field_num))                                                                   \
    V(PQclear, (PGresult * res), (res))                                                            \
    V(PQfreemem, (void *ptr), (ptr))

/* libpq's functions, filled once (pthread_once: the kiosk's sync thread and its own thread may
 * both make the first call). */
static struct {
#define TABLE_ENTRY(ret, name, params, args) ret(*name) params;
#define TABLE_ENTRY_VOID(name, params, args) void(*name) params;
    PQ_FUNCTIONS(TABLE_ENTRY, TABLE_ENTRY_VOID)
#undef TABLE_ENTRY
#undef TABLE_ENTRY_VOID
} pq;
static pthread_once_t pq_once = PTHREAD_ONCE_INIT;

static void pq_load(void) {
    static const lazy_lib libpq = {PQ_LIBRARY, "libpq", "libpq5", "talking to the server"};
#define NAME(ret, name, params, args) #name,
#define NAME_VOID(name, params, args) #name,
    static const char *const names[] = {PQ_FUNCTIONS(NAME, NAME_VOID)};
#undef NAME
#undef NAME_VOID
    void *found[OCOP_COUNT(names)];
    lazy_lib_load(&libpq, names, found, OCOP_COUNT(names));
    size_t i = 0;
#define TAKE(ret, name, params, args) *(void **)&pq.name = found[i++];
#define TAKE_VOID(name, params, args) *(void **)&pq.name = found[i++];
    PQ_FUNCTIONS(TAKE, TAKE_VOID)
#undef TAKE
#undef TAKE_VOID
}

#define DEFINE(ret, name, params, args)                                                            \
    ret name params {                                                                              \
        pthread_once(&pq_once, pq_load);                                                           \
        return pq.name args;                                                                       \
    }
#define DEFINE_VOID(name, params, args)                                                            \
    void name params {                                                                             \
        pthread_once(&pq_once, pq_load);                                                           \
        pq.name args;                                                                              \
    }
PQ_FUNCTIONS(DEFINE, DEFINE_VOID)
