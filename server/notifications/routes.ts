import { ANY_ROLE, route, type RouteDef } from '../http/route';
import { MarkRead, MarkReadResult, NotificationList, NotificationQuery } from './schema';
import type { NotificationService } from './service';

export function notificationRoutes(notifications: NotificationService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/me/notifications',
      tag: 'notifications',
      roles: ANY_ROLE,
      summary: 'Your notifications, newest first, with the unread count',
      query: NotificationQuery,
      response: NotificationList,
      handler: ({ actor, query }) => notifications.list(actor, query),
    }),
    route({
      method: 'post',
      path: '/api/me/notifications/read',
      tag: 'notifications',
      roles: ANY_ROLE,
      summary: 'Mark your notifications read: the listed ids, or all of them',
      body: MarkRead,
      response: MarkReadResult,
      handler: ({ actor, body }) => notifications.markRead(actor, body.ids),
    }),
  ];
}
