-- wrk script for bench row P4: GET /api/contacts/{id} with ids drawn uniformly from 1..BENCH_MAX_ID,
-- authenticated with BENCH_API_KEY. Each wrk thread runs its own copy of this script.
local max = tonumber(os.getenv("BENCH_MAX_ID") or "100000")
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_API_KEY") or "")

function setup(thread)
	thread:set("seed", math.random(1, 1000000))
end

function init(args)
	math.randomseed(os.time() + (seed or 0))
end

function request()
	return wrk.format("GET", "/api/contacts/" .. math.random(1, max))
end
