import { isId, NotFoundError } from '@retail/core';
import type { Member, MemberService, PointsPage } from '@retail/member';
import { Idempotent, QueryDto, RequestContext } from '@retail/runtime';
import { Context, GET, Path, PathParam, POST, PUT, Return } from 'typescript-rest';
import { PhoneQuery, RegisterMemberBody, UpdateMemberBody } from '../dto/member-bodies.js';
import { ChangePointsBody, ListQuery } from '../dto/points-bodies.js';

/** A malformed id names no member: the same 404 as an unknown one, before any storage call. */
function memberId(id: string): string {
  if (!isId('mem', id)) throw new NotFoundError('member', id);
  return id;
}

@Path('/members')
export class MembersController {
  constructor(private readonly members: MemberService) {}

  @POST
  async register(body: RegisterMemberBody, @Context ctx: RequestContext): Promise<Return.NewResource<Member>> {
    const member = await this.members.register({ ...body, channel: ctx.channel ?? 'direct' });
    return new Return.NewResource(`/members/${member.id}`, member);
  }

  @GET
  findByPhone(@QueryDto() query: PhoneQuery): Promise<Member> {
    return this.members.findByPhone(query.phone);
  }

  @GET
  @Path(':id')
  get(@PathParam('id') id: string): Promise<Member> {
    return this.members.get(memberId(id));
  }

  @PUT
  @Path(':id')
  update(@PathParam('id') id: string, body: UpdateMemberBody): Promise<Member> {
    return this.members.update(memberId(id), body);
  }

  @POST
  @Path(':id/points')
  @Idempotent()
  async changePoints(@PathParam('id') id: string, body: ChangePointsBody): Promise<{ balance: number; entryId: string }> {
    const { balance, entryId } = await this.members.changePoints(memberId(id), body);
    return { balance, entryId };
  }

  @GET
  @Path(':id/points')
  listPoints(@PathParam('id') id: string, @QueryDto() query: ListQuery): Promise<PointsPage> {
    return this.members.listPoints(memberId(id), query);
  }
}
