/*
 * sdnotify: tell systemd how mentord is doing, for the unit's
 * Type=notify: READY=1 once it listens, STOPPING=1 when it shuts down.
 * The protocol of sd_notify(3), without linking libsystemd: a datagram to
 * the socket named by $NOTIFY_SOCKET.  Without systemd nothing happens.
 */
#ifndef MB_SDNOTIFY_H
#define MB_SDNOTIFY_H

/*
 * Take $NOTIFY_SOCKET out of the environment (so that no child, the mail
 * command say, sees it) and keep it for sdnotify_send.  Call once, early,
 * in the process that systemd started.
 */
void sdnotify_init(void);

/*
 * Send state ("READY=1\nSTATUS=...") to systemd, if it asked for news.
 * Returns 0 (also when it did not ask), or MB_ERR_IO / MB_ERR_INVALID
 * (logged): systemd then learns of nothing, and a Type=notify unit
 * times out.
 */
int sdnotify_send(const char *state);

#endif
