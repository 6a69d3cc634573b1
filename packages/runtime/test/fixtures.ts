import { ConflictError, NotFoundError } from '@retail/core';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { Context, GET, Path, PathParam, POST, Return } from 'typescript-rest';
import { QueryDto, RequestContext } from '../src/index.js';

export class Line {
  @IsString() sku!: string;
  @IsInt() @Min(1) @Max(99) quantity!: number;
}

export class CreateOrderBody {
  @IsString() @Length(1, 32) memberId!: string;
  @ValidateNested({ each: true }) @Type(() => Line) @ArrayMinSize(1) items!: Line[];
}

export class ListQuery {
  @IsOptional() @IsInt() @Min(1) @Max(100) limit: number = 20;
  @IsOptional() @IsString() cursor?: string;
}

@Path('/things')
export class ThingsController {
  @GET
  list(@QueryDto() query: ListQuery) {
    return { limit: query.limit, cursor: query.cursor ?? null };
  }

  @GET
  @Path(':id')
  get(@PathParam('id') id: string, @Context ctx: RequestContext) {
    if (id === 'missing') throw new NotFoundError('thing', id);
    if (id === 'boom') throw new Error('secret internal detail');
    return { id, channel: ctx.channel ?? null, requestId: ctx.requestId };
  }

  @GET
  @Path(':id/count/:n')
  count(@PathParam('id') id: string, @PathParam('n') n: number) {
    return { id, n };
  }

  @POST
  create(body: CreateOrderBody) {
    if (body.memberId === 'taken') throw new ConflictError('phone-taken', 'Taken.');
    return new Return.NewResource(`/things/x`, { memberId: body.memberId, lines: body.items.length });
  }
}
