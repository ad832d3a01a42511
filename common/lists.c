/*
 * lists: fields of study and areas of help, as the mentoring team keeps
 * them.
 */
#include <stdio.h>

#include "error.h"
#include "i18n.h"
#include "lists.h"
#include "log.h"
#include "text.h"

static char lists_why_buf[256];

/* The entry called name, or MB_ERR_NOTFOUND with *why. */
static int
lists_find(struct board *b, enum store_list list, const char *name,
    struct store_item *item, const char **why)
{
	int rc = store_list_find(b->store, list, name, item);

	if (rc == MB_ERR_NOTFOUND) {
		(void)snprintf(lists_why_buf, sizeof(lists_why_buf),
		    list == STORE_LIST_AREAS ?
			_("no area of help called \"%s\"") :
			_("no field of study called \"%s\""),
		    name);
		*why = lists_why_buf;
	}
	return rc;
}

/* Say that name is taken. */
static void
lists_taken(const char *name, const char **why)
{
	(void)snprintf(lists_why_buf, sizeof(lists_why_buf),
	    _("\"%s\" is on the list already"), name);
	*why = lists_why_buf;
}

int
lists_add(struct board *b, enum store_list list, const char *name,
    const char *name_de, int64_t *id, const char **why)
{
	const char *bad = NULL;
	int rc;

	if (text_check_line(name, 1, LIST_NAME_MAX, &bad) != 0) {
		(void)snprintf(lists_why_buf, sizeof(lists_why_buf),
		    _("the name %s"), bad);
		*why = lists_why_buf;
		return MB_ERR_INVALID;
	}
	if (name_de != NULL &&
	    text_check_line(name_de, 1, LIST_NAME_MAX, &bad) != 0) {
		(void)snprintf(lists_why_buf, sizeof(lists_why_buf),
		    _("the German name %s"), bad);
		*why = lists_why_buf;
		return MB_ERR_INVALID;
	}
	rc = store_list_add(b->store, list, name, name_de, id);
	if (rc == MB_ERR_EXISTS && name_de == NULL)
		lists_taken(name, why);
	else if (rc == MB_ERR_EXISTS) {
		(void)snprintf(lists_why_buf, sizeof(lists_why_buf),
		    _("\"%s\" or \"%s\" is on the list already"), name,
		    name_de);
		*why = lists_why_buf;
	} else if (rc == 0) {
		log_info("list entry \"%s\" added", name);
		store_news_mark(
		    b->store, STORE_NEWS_EVERYONE, STORE_NEWS_LISTS, 0);
	}
	return rc;
}

int
lists_rename(struct board *b, enum store_list list, const char *name,
    const char *new_name, const char **why)
{
	struct store_item item;
	const char *bad = NULL;
	int rc;

	if (text_check_line(new_name, 1, LIST_NAME_MAX, &bad) != 0) {
		(void)snprintf(lists_why_buf, sizeof(lists_why_buf),
		    _("the new name %s"), bad);
		*why = lists_why_buf;
		return MB_ERR_INVALID;
	}
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = lists_find(b, list, name, &item, why);
	if (rc == 0)
		rc = store_list_rename(b->store, list, item.id, new_name);
	/* Searches find the new name from the same commit on. */
	if (rc == 0)
		rc = store_search_rewrite_all(b->store);
	if (rc == 0)
		store_news_mark(
		    b->store, STORE_NEWS_EVERYONE, STORE_NEWS_LISTS, 0);
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	if (rc == MB_ERR_EXISTS)
		lists_taken(new_name, why);
	else if (rc == 0)
		log_info("list entry \"%s\" renamed \"%s\"", name, new_name);
	return rc;
}

int
lists_rename_de(struct board *b, enum store_list list, const char *name,
    const char *name_de, const char **why)
{
	struct store_item item;
	const char *bad = NULL;
	int rc;

	if (name_de[0] != '\0' &&
	    text_check_line(name_de, 1, LIST_NAME_MAX, &bad) != 0) {
		(void)snprintf(lists_why_buf, sizeof(lists_why_buf),
		    _("the German name %s"), bad);
		*why = lists_why_buf;
		return MB_ERR_INVALID;
	}
	rc = store_begin(b->store);
	if (rc != 0)
		return rc;
	rc = lists_find(b, list, name, &item, why);
	if (rc == 0)
		rc = store_list_rename_de(b->store, list, item.id, name_de);
	/* The search finds the German name from the same commit on. */
	if (rc == 0)
		rc = store_search_rewrite_all(b->store);
	if (rc == 0)
		store_news_mark(
		    b->store, STORE_NEWS_EVERYONE, STORE_NEWS_LISTS, 0);
	if (rc == 0)
		rc = store_commit(b->store);
	store_rollback(b->store);
	if (rc == MB_ERR_EXISTS)
		lists_taken(name_de, why);
	else if (rc == 0)
		log_info(
		    "list entry \"%s\" named \"%s\" in German", name, name_de);
	return rc;
}

int
lists_retire(
    struct board *b, enum store_list list, const char *name, const char **why)
{
	struct store_item item;
	int rc = lists_find(b, list, name, &item, why);

	if (rc == 0)
		rc = store_list_retire(b->store, list, item.id);
	if (rc == 0) {
		log_info("list entry \"%s\" retired", name);
		store_news_mark(
		    b->store, STORE_NEWS_EVERYONE, STORE_NEWS_LISTS, 0);
	}
	return rc;
}
