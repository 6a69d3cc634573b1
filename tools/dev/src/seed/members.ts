import { NotFoundError, systemClock } from '@retail/core';
import { MemberService } from '@retail/member';
import type { TablestoreClient } from '@retail/tablestore';

/** The demo members: one per channel, with points enough to show every level. */
export const DEMO_MEMBERS = [
  { phone: '13800000001', name: '李雷', birthday: '1990-05-01', channel: 'wechat', points: 1200 },
  { phone: '13800000002', name: '韩梅梅', birthday: '1992-11-11', channel: 'alipay', points: 5600 },
  { phone: '13800000003', name: '王芳', channel: 'app', points: 21000 },
  { phone: '13800000004', name: '张伟', channel: 'pos', points: 300 },
  { phone: '13800000005', name: 'Chen Jie', channel: 'web', points: 0 },
] as const;

/**
 * Seeds the demo data once: a data directory that already holds the first demo member is left as
 * it is, so restarts keep what a developer changed.
 */
export async function seedDemoData(client: TablestoreClient): Promise<{ seeded: boolean; members: number }> {
  const members = new MemberService({ client, clock: systemClock });
  try {
    await members.findByPhone(DEMO_MEMBERS[0].phone);
    return { seeded: false, members: DEMO_MEMBERS.length };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error; // storage trouble must not look like "not seeded yet"
  }
  for (const demo of DEMO_MEMBERS) {
    const member = await members.register({
      phone: demo.phone,
      name: demo.name,
      birthday: 'birthday' in demo ? demo.birthday : null,
      channel: demo.channel,
    });
    if (demo.points > 0) await members.changePoints(member.id, { delta: demo.points, reason: 'welcome bonus', ref: 'demo-seed' });
  }
  return { seeded: true, members: DEMO_MEMBERS.length };
}
