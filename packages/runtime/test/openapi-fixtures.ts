/** Controllers and DTOs that use every part of the OpenAPI generator, in the member function's shapes. */
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  NotEquals,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Context, GET, HeaderParam, Path, PathParam, POST, PUT, Return } from 'typescript-rest';
import { Idempotent, Nullable, QueryDto, Refuses, RequestContext, Returns } from '../src/index.js';

const PHONE = /^1\d{10}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RegisterBody {
  @Matches(PHONE) phone!: string;
  @IsString() @Length(1, 32) name!: string;
  @IsOptional() @Matches(DATE) @IsISO8601({ strict: true }) birthday?: string;
}

export class UpdateBody {
  @IsOptional() @IsString() @Length(1, 32) name?: string;
  /** `null` removes it. */
  @ValidateIf((_, value) => value !== null && value !== undefined) @Matches(DATE) birthday?: string | null;
}

export class PhoneQuery {
  @Matches(PHONE) phone!: string;
}

export class ListQuery {
  @IsOptional() @IsInt() @Min(1) @Max(100) limit: number = 20;
  @IsOptional() @IsString() @Length(1, 512) cursor?: string;
}

export class PointsBody {
  @IsInt() @NotEquals(0) delta!: number;
  @IsString() @Length(1, 64) reason!: string;
}

export class Line {
  @IsString() sku!: string;
  @IsInt() @Min(1) @Max(99) quantity!: number;
}

export class OrderBody {
  @ValidateNested({ each: true }) @Type(() => Line) @ArrayMinSize(1) @ArrayMaxSize(50) items!: Line[];
  @IsOptional() @IsIn(['fast', 'slow']) speed?: string;
}

export class ThingResponse {
  @IsString() id!: string;
  @Matches(PHONE) phone!: string;
  @Nullable() @Matches(DATE) birthday!: string | null;
  @IsIn(['regular', 'silver']) level!: string;
  @IsInt() @Min(0) points!: number;
}

export class EntryResponse {
  @IsString() id!: string;
  @IsInt() delta!: number;
}

export class PageResponse {
  @ValidateNested({ each: true }) @Type(() => EntryResponse) items!: EntryResponse[];
  @Nullable() @IsString() nextCursor!: string | null;
}

@Path('/things')
export class DocumentedController {
  @POST
  @Returns(201, ThingResponse, { description: 'The new thing.' })
  @Refuses(409, 'phone-taken')
  register(body: RegisterBody, @Context ctx: RequestContext) {
    return new Return.NewResource(`/things/t1`, { ...body, channel: ctx.channel });
  }

  @GET
  @Returns(200, ThingResponse)
  find(@QueryDto() query: PhoneQuery) {
    return query;
  }

  @PUT
  @Path(':id')
  @Returns(200, ThingResponse)
  update(@PathParam('id') id: string, body: UpdateBody) {
    return { id, ...body };
  }

  @POST
  @Path(':id/points')
  @Idempotent()
  @Returns(200, EntryResponse)
  @Refuses(409, 'insufficient-points')
  points(@PathParam('id') id: string, body: PointsBody) {
    return { id, delta: body.delta };
  }

  @GET
  @Path(':id/points')
  @Returns(200, PageResponse)
  list(@PathParam('id') id: string, @QueryDto() query: ListQuery) {
    return { items: [{ id, delta: query.limit }], nextCursor: null };
  }

  @POST
  @Path(':id/orders/:n')
  order(@PathParam('id') id: string, @PathParam('n') n: number, body: OrderBody, @HeaderParam('x-trace') trace?: string) {
    return { id, n, lines: body.items.length, trace };
  }

  @GET
  @Path(':id/lines')
  @Returns(200, [Line])
  lines(@PathParam('id') id: string) {
    return [{ sku: id, quantity: 1 }];
  }
}
