package dev.torre.platform.graphql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.Filter;

/**
 * A structured filter for GraphQL: either a comparison ({@code field}, {@code op},
 * {@code value}) or a combination ({@code and}, {@code or}, {@code not}). It becomes the
 * same tree the SCIM filter text parses into, so both are checked and compiled alike.
 */
@Input("Where")
@Description("A condition: set field+op(+value), or exactly one of and / or / not")
public class WhereInput {

    private static final int MAX_NODES = 50;
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,30})?");

    public List<WhereInput> and;
    public List<WhereInput> or;
    public WhereInput not;
    @Description("A field name, as in the REST filter, e.g. lastName or properties.plan")
    public String field;
    public FilterOperator op;
    @Description("The value, written as text whatever the field's type; omit for PR")
    public String value;

    public Filter toFilter() {
        return toFilter(new int[] { 0 });
    }

    private Filter toFilter(int[] nodes) {
        if (++nodes[0] > MAX_NODES) {
            throw invalid("too_complex", "A where may hold at most " + MAX_NODES + " conditions");
        }
        int kinds = (and != null ? 1 : 0) + (or != null ? 1 : 0) + (not != null ? 1 : 0) + (field != null ? 1 : 0);
        if (kinds != 1) {
            throw invalid("syntax", "Each where needs exactly one of: field, and, or, not");
        }
        if (not != null) {
            return new Filter.Not(not.toFilter(nodes));
        }
        if (and != null || or != null) {
            List<WhereInput> parts = and != null ? and : or;
            if (parts.isEmpty()) {
                throw invalid("syntax", "and/or need at least one condition");
            }
            List<Filter> filters = new ArrayList<>();
            for (WhereInput part : parts) {
                filters.add(part.toFilter(nodes));
            }
            Filter combined = filters.get(0);
            for (int i = 1; i < filters.size(); i++) {
                combined = and != null ? new Filter.And(combined, filters.get(i)) : new Filter.Or(combined, filters.get(i));
            }
            return combined;
        }
        if (op == null) {
            throw invalid("syntax", "A condition on '" + field + "' needs an op");
        }
        if (op == FilterOperator.PR) {
            return new Filter.Present(field);
        }
        return new Filter.Compare(field, Filter.Op.valueOf(op.name()), literal());
    }

    /**
     * Values arrive as text. Declared fields convert text to their own type; a custom
     * property has none, so a value that reads as a number or boolean is taken as one.
     */
    private Filter.Literal literal() {
        if (value == null) {
            return new Filter.NullLit();
        }
        if (field.startsWith("properties.")) {
            if (value.equals("true") || value.equals("false")) {
                return new Filter.BoolLit(Boolean.parseBoolean(value));
            }
            if (NUMBER.matcher(value).matches()) {
                return new Filter.NumberLit(new BigDecimal(value));
            }
        }
        return new Filter.StringLit(value);
    }

    private static TorreException invalid(String code, String message) {
        return new TorreException(ErrorCode.INVALID_QUERY, message, List.of(new FieldError("where", code, message)));
    }
}
