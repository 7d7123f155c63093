# crime-rates: Incidents per area: areas with cameras and areas without
# Re-run in this folder with: gnuplot chart-crime-rates.gp
set terminal svg size 1000,620 fixed noenhanced font 'DejaVu Sans,18' background rgb 'white'
set output 'chart-crime-rates.svg'
set title "Incidents per area: areas with cameras and areas without\nSample City: did reported crime change where the cameras went up?\n2021-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel 'mean incidents per area per month'
set yrange [0:22.3077]
set xrange [-0.5:59.5]
set xtics rotate by 45 right ("2021-01" 0, "2021-07" 6, "2022-01" 12, "2022-07" 18, "2023-01" 24, "2023-07" 30, "2024-01" 36, "2024-07" 42, "2025-01" 48, "2025-07" 54)
set bmargin 6
set key tmargin right vertical samplen 1.5
set arrow 1 from first 24, graph 0 to first 24, graph 1 nohead dt 3 lc rgb '#888888'
set arrow 2 from first 25, graph 0 to first 25, graph 1 nohead dt 3 lc rgb '#888888'
set arrow 3 from first 28, graph 0 to first 28, graph 1 nohead dt 3 lc rgb '#888888'
set arrow 4 from first 29, graph 0 to first 29, graph 1 nohead dt 3 lc rgb '#888888'
set arrow 5 from first 32, graph 0 to first 32, graph 1 nohead dt 3 lc rgb '#888888'
set arrow 6 from first 34, graph 0 to first 34, graph 1 nohead dt 3 lc rgb '#888888'
set arrow 7 from first 36, graph 0 to first 36, graph 1 nohead dt 3 lc rgb '#888888'
set arrow 8 from first 37, graph 0 to first 37, graph 1 nohead dt 3 lc rgb '#888888'
set arrow 9 from first 38, graph 0 to first 38, graph 1 nohead dt 3 lc rgb '#888888'
set arrow 10 from first 40, graph 0 to first 40, graph 1 nohead dt 3 lc rgb '#888888'
set arrow 11 from first 41, graph 0 to first 41, graph 1 nohead dt 3 lc rgb '#888888'
set arrow 12 from first 51, graph 0 to first 51, graph 1 nohead dt 3 lc rgb '#888888'
plot 'chart-crime-rates.dat' using 1:3 with lines lw 2 lc rgb '#0072B2' title 'areas without cameras in the window', \
     '' using 1:4 with lines lw 2 lc rgb '#E69F00' title 'areas with cameras, before their first camera', \
     '' using 1:5 with lines lw 2 lc rgb '#D55E00' title 'areas with cameras, after their first camera'
set terminal pngcairo size 1000,620 noenhanced font 'DejaVu Sans,14' background rgb 'white'
set output 'chart-crime-rates.png'
replot
set output
