import { NotFoundError } from '@retail/core';
import type { MemberDirectory } from '@retail/coupons';
import type { MemberService } from '@retail/member';

/**
 * The coupons library's view of members, answered by the member library over the members table
 * (read only; the member function owns it).
 *
 * @example
 * new CouponService({ client, clock, members: memberDirectory(new MemberService({ client, clock })) });
 */
export function memberDirectory(members: MemberService): MemberDirectory {
  return {
    exists: (memberId) =>
      members.get(memberId).then(
        () => true,
        (error: unknown) => {
          if (error instanceof NotFoundError) return false;
          throw error;
        },
      ),
  };
}
