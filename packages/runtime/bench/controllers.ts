/**
 * The benchmark's controllers, written as a function team writes them (typescript-rest decorators,
 * class-validator DTO). The runtime server and the stock typescript-rest server serve these same
 * classes.
 */
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { GET, HeaderParam, Path, PathParam, POST, Return } from 'typescript-rest';
import { memberView, placeOrder, RULES } from './domain.js';

export class OrderLine {
  @IsString() @Length(RULES.idLength[0], RULES.idLength[1]) sku!: string;
  @IsInt() @Min(RULES.quantity[0]) @Max(RULES.quantity[1]) quantity!: number;
  @IsInt() @Min(RULES.unitPriceCents[0]) @Max(RULES.unitPriceCents[1]) unitPriceCents!: number;
}

export class CreateOrderBody {
  @IsString() @Length(RULES.idLength[0], RULES.idLength[1]) memberId!: string;
  @IsString() @Length(RULES.idLength[0], RULES.idLength[1]) storeId!: string;
  @IsArray()
  @ArrayMinSize(RULES.items[0])
  @ArrayMaxSize(RULES.items[1])
  @ValidateNested({ each: true })
  @Type(() => OrderLine)
  items!: OrderLine[];
}

@Path('/members')
export class MembersController {
  @GET
  @Path(':id')
  get(@PathParam('id') id: string, @HeaderParam('x-retail-channel') channel: string | undefined) {
    return memberView(id, channel);
  }
}

@Path('/orders')
export class OrdersController {
  @POST
  create(body: CreateOrderBody) {
    const { location, body: created } = placeOrder(body);
    return new Return.NewResource(location, created);
  }
}
