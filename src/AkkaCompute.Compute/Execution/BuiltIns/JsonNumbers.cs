using System.Text.Json;
using System.Text.Json.Nodes;

namespace AkkaCompute.Compute.Execution;

/// <summary>Exact-where-possible arithmetic on JSON numbers: integers add as Int64 until they overflow, then as Double.</summary>
internal static class JsonNumbers
{
    /// <summary>A running sum: an Int64 while every addend is an integer and nothing overflows, else a Double.</summary>
    public struct Sum
    {
        private long _integer;
        private double _real;
        private bool _isReal;

        /// <summary>Adds a JSON number (the caller has checked the kind).</summary>
        public void Add(JsonElement number)
        {
            if (number.TryGetInt64(out var x))
            {
                AddInteger(x);
            }
            else
            {
                AddReal(number.GetDouble());
            }
        }

        /// <summary>Adds a number held by a node created by <see cref="ToNode"/>.</summary>
        public void Add(JsonValue number)
        {
            if (number.TryGetValue<long>(out var x))
            {
                AddInteger(x);
            }
            else
            {
                AddReal(number.GetValue<double>());
            }
        }

        public void AddInteger(long x)
        {
            if (!_isReal)
            {
                var r = unchecked(_integer + x);
                if (((_integer ^ r) & (x ^ r)) >= 0)
                {
                    _integer = r;
                    return;
                }
            }

            AddReal(x);
        }

        public void AddReal(double x)
        {
            if (!_isReal)
            {
                _real = _integer;
                _isReal = true;
            }

            _real += x;
        }

        public readonly JsonValue ToNode() => _isReal ? JsonValue.Create(_real) : JsonValue.Create(_integer);

        public readonly JsonElement ToElement() => _isReal
            ? JsonSerializer.SerializeToElement(_real, FunctionJson.Options)
            : JsonSerializer.SerializeToElement(_integer, FunctionJson.Options);
    }
}
