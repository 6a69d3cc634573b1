import { segment, type Transport } from '../transport.js';
import type { CallOptions, IdempotentCallOptions, Page, PageOptions } from '../types/common.js';
import type {
  ChangePointsInput,
  Member,
  PointsChange,
  PointsEntry,
  RegisterMemberInput,
  UpdateMemberInput,
} from '../types/members.js';

/** `/members`: registration, lookup by id and phone, profile, points ledger. */
export function membersApi(transport: Transport) {
  return {
    /** `POST /members` -> 201; `409 phone-taken` when the phone is registered. */
    register: (input: RegisterMemberInput, options?: CallOptions) =>
      transport.call<Member>('POST', '/members', { ...options, body: input }),
    /** `GET /members/{id}`; `404 not-found`. */
    get: (id: string, options?: CallOptions) => transport.call<Member>('GET', `/members/${segment(id)}`, options),
    /** `GET /members?phone=`: the member lookup every channel uses; `404 not-found`. */
    findByPhone: (phone: string, options?: CallOptions) =>
      transport.call<Member>('GET', '/members', { ...options, query: { phone } }),
    /** `PUT /members/{id}` `{ name?, birthday? }` (`birthday: null` removes it). */
    update: (id: string, input: UpdateMemberInput, options?: CallOptions) =>
      transport.call<Member>('PUT', `/members/${segment(id)}`, { ...options, body: input }),
    /** `POST /members/{id}/points` (idempotent); `409 insufficient-points` below zero. */
    changePoints: (id: string, input: ChangePointsInput, options?: IdempotentCallOptions) =>
      transport.call<PointsChange>('POST', `/members/${segment(id)}/points`, { ...options, body: input }),
    /** `GET /members/{id}/points`: ledger entries, newest first. */
    listPoints: (id: string, page: PageOptions = {}, options?: CallOptions) =>
      transport.call<Page<PointsEntry>>('GET', `/members/${segment(id)}/points`, { ...options, query: { ...page } }),
  };
}
