import { createHash } from 'node:crypto';
import { isId, NotFoundError } from '@retail/core';
import type { Member, MemberService, PointsPage } from '@retail/member';
import { Idempotent, QueryDto, Refuses, RequestContext, Returns } from '@retail/runtime';
import { Context, GET, Path, PathParam, POST, PUT, Return } from 'typescript-rest';
import { PhoneQuery, RegisterMemberBody, UpdateMemberBody } from '../dto/member-bodies.js';
import { MemberResponse, PointsChangeResponse, PointsPageResponse } from '../dto/member-responses.js';
import { ChangePointsBody, ListQuery } from '../dto/points-bodies.js';

/**
 * The Idempotency-Key as the change's ledger reference: the stored response of a key lapses when
 * the instance that ran it died before storing it, and a retry must then find the change applied
 * (decision 0004's refs) instead of applying it again. Hashed: keys are the caller's, of any length.
 */
function idempotencyRef(ctx: RequestContext): string | undefined {
  const key = ctx.request.headers['idempotency-key'];
  if (typeof key !== 'string' || key === '') return undefined;
  return `idem:${createHash('sha256')
    .update(`${ctx.channel ?? ''}\n${key}`)
    .digest('base64url')}`;
}

/** A malformed id names no member: the same 404 as an unknown one, before any storage call. */
function memberId(id: string): string {
  if (!isId('mem', id)) throw new NotFoundError('member', id);
  return id;
}

@Path('/members')
export class MembersController {
  constructor(private readonly members: MemberService) {}

  @POST
  @Returns(201, MemberResponse, { description: 'The registered member.' })
  @Refuses(409, 'phone-taken')
  async register(body: RegisterMemberBody, @Context ctx: RequestContext): Promise<Return.NewResource<Member>> {
    const member = await this.members.register({ ...body, channel: ctx.channel ?? 'direct' });
    return new Return.NewResource(`/members/${member.id}`, member);
  }

  @GET
  @Returns(200, MemberResponse, { description: 'The member with this phone number.' })
  findByPhone(@QueryDto() query: PhoneQuery): Promise<Member> {
    return this.members.findByPhone(query.phone);
  }

  @GET
  @Path(':id')
  @Returns(200, MemberResponse)
  get(@PathParam('id') id: string): Promise<Member> {
    return this.members.get(memberId(id));
  }

  @PUT
  @Path(':id')
  @Returns(200, MemberResponse, { description: 'The member after the change.' })
  update(@PathParam('id') id: string, body: UpdateMemberBody): Promise<Member> {
    return this.members.update(memberId(id), body);
  }

  @POST
  @Path(':id/points')
  @Idempotent()
  @Returns(200, PointsChangeResponse, { description: 'The new balance and the ledger entry of the change.' })
  @Refuses(409, 'insufficient-points', 'points-busy', 'points-overflow', 'points-ref-reused')
  async changePoints(
    @PathParam('id') id: string,
    body: ChangePointsBody,
    @Context ctx: RequestContext,
  ): Promise<{ balance: number; entryId: string }> {
    const ref = idempotencyRef(ctx);
    const { balance, entryId } = await this.members.changePoints(memberId(id), { ...body, ...(ref ? { ref } : {}) });
    return { balance, entryId };
  }

  @GET
  @Path(':id/points')
  @Returns(200, PointsPageResponse, { description: 'Ledger entries, newest first.' })
  listPoints(@PathParam('id') id: string, @QueryDto() query: ListQuery): Promise<PointsPage> {
    return this.members.listPoints(memberId(id), query);
  }
}
