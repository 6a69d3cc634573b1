import { NotFoundError } from '@retail/core';
import type { MemberService } from '@retail/member';

/** The demo members: one per channel, with points enough to show every level. */
export const DEMO_MEMBERS = [
  { phone: '13800000001', name: '李雷', birthday: '1990-05-01', channel: 'wechat', points: 1200 },
  { phone: '13800000002', name: '韩梅梅', birthday: '1992-11-11', channel: 'alipay', points: 5600 },
  { phone: '13800000003', name: '王芳', channel: 'app', points: 21000 },
  { phone: '13800000004', name: '张伟', channel: 'pos', points: 300 },
  { phone: '13800000005', name: 'Chen Jie', channel: 'web', points: 0 },
] as const;

/** Registers the demo members (unless the first one is there already); returns the first one's id. */
export async function seedMembers(members: MemberService): Promise<{ members: number; firstMemberId: string }> {
  try {
    const first = await members.findByPhone(DEMO_MEMBERS[0].phone);
    return { members: 0, firstMemberId: first.id };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error; // storage trouble must not look like "not seeded yet"
  }
  let firstMemberId = '';
  for (const demo of DEMO_MEMBERS) {
    const member = await members.register({
      phone: demo.phone,
      name: demo.name,
      birthday: 'birthday' in demo ? demo.birthday : null,
      channel: demo.channel,
    });
    firstMemberId ||= member.id;
    if (demo.points > 0) await members.changePoints(member.id, { delta: demo.points, reason: 'welcome bonus', ref: 'demo-seed' });
  }
  return { members: DEMO_MEMBERS.length, firstMemberId };
}
